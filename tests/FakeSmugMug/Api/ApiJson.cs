using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FakeSmugMug.Images;
using FakeSmugMug.Model;

namespace FakeSmugMug.Api;

/// <summary>
/// The JSON shapes of SmugMug's objects with the field names and types the reference lists (Node.Keywords an
/// array, Album/Image Keywords a "; " string, Latitude/Longitude strings, no AlbumKey on Node).
/// </summary>
public static class ApiJson
{
    public const string ApiRoot = "/api/v2";

    public static string Date(DateTimeOffset d) => d.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    public static string NodeUri(FakeNode n) => $"{ApiRoot}/node/{n.NodeId}";
    public static string AlbumUri(FakeAlbum a) => $"{ApiRoot}/album/{a.AlbumKey}";
    public static string ImageUri(FakeImage i) => $"{ApiRoot}/image/{i.ImageKey}-{i.Serial}";
    public static string AlbumImageUri(FakeImage i) => $"{ApiRoot}/album/{i.Album.AlbumKey}/image/{i.ImageKey}-{i.Serial}";
    public static string UserUri(FakeLibrary l) => $"{ApiRoot}/user/{l.NickName}";

    public static JsonObject UriEntry(string uri, string locator, bool many, string description) => new()
    {
        ["Uri"] = uri,
        ["Locator"] = locator,
        ["LocatorType"] = many ? "Objects" : "Object",
        ["UriDescription"] = description,
        ["EndpointType"] = locator,
    };

    public static string WebUri(ApiContext ctx, string urlPath) => $"{ctx.PublicBaseUrl}/web/{ctx.Library.NickName}{urlPath}";

    public static JsonObject User(ApiContext ctx)
    {
        var l = ctx.Library;
        return new JsonObject
        {
            ["NickName"] = l.NickName,
            ["Name"] = l.DisplayName,
            ["FirstName"] = l.DisplayName.Split(' ')[0],
            ["ViewPassHint"] = string.Empty,
            ["Uri"] = UserUri(l),
            ["WebUri"] = WebUri(ctx, string.Empty),
            ["ResponseLevel"] = "Full",
            ["Uris"] = new JsonObject
            {
                ["Node"] = UriEntry(NodeUri(l.Root), "Node", false, "User's root node"),
                ["UserAlbums"] = UriEntry($"{UserUri(l)}!albums", "Album", true, "All of user's albums"),
                ["Folder"] = UriEntry($"{ApiRoot}/folder/user/{l.NickName}", "Folder", false, "User's root folder"),
            },
        };
    }

    public static JsonObject Node(ApiContext ctx, FakeNode n)
    {
        var uris = new JsonObject
        {
            ["ChildNodes"] = UriEntry($"{NodeUri(n)}!children", "Node", true, "Child nodes of this node"),
        };
        if (n.Parent is not null)
        {
            uris["ParentNode"] = UriEntry(NodeUri(n.Parent), "Node", false, "Parent node of this node");
        }

        uris["ParentNodes"] = UriEntry($"{NodeUri(n)}!parents", "Node", true, "Hierarchy of nodes from this node to the root");
        uris["User"] = UriEntry(UserUri(ctx.Library), "User", false, "User information");
        uris["HighlightImage"] = UriEntry($"{ApiRoot}/highlight/node/{n.NodeId}", "Image", false, "Highlight image for the node");
        if (n is FakeFolder)
        {
            uris["NodeCoverImage"] = UriEntry($"{NodeUri(n)}!cover", "Image", false, "Cover image for a folder, album, or page");
        }

        if (n is FakeAlbum a)
        {
            uris["Album"] = UriEntry(AlbumUri(a), "Album", false, "Album information");
        }

        var keywords = new JsonArray();
        foreach (var k in n.Keywords)
        {
            keywords.Add(k);
        }

        return new JsonObject
        {
            ["NodeID"] = n.NodeId,
            ["Name"] = n.IsRoot ? string.Empty : n.Name,
            ["Type"] = n.Type,
            ["UrlName"] = n.IsRoot ? string.Empty : n.UrlName,
            ["UrlPath"] = n.IsRoot ? "/" : n.UrlPath,
            ["Description"] = n.Description,
            ["Keywords"] = keywords,
            ["HasChildren"] = n.HasChildren,
            ["IsRoot"] = n.IsRoot,
            ["SortIndex"] = n.SortIndex,
            ["SortMethod"] = "SortIndex",
            ["SortDirection"] = "Ascending",
            ["SecurityType"] = n.SecurityType,
            ["Privacy"] = n.Privacy.ToString(),
            ["EffectivePrivacy"] = n.IsEffectivelyPrivate ? "Private" : n.Privacy.ToString(),
            ["DateAdded"] = Date(n.DateAdded),
            ["DateModified"] = Date(n.DateModified),
            ["ResponseLevel"] = "Full",
            ["Uri"] = NodeUri(n),
            ["WebUri"] = n.WebUriOverride ?? WebUri(ctx, n.IsRoot ? string.Empty : n.UrlPath),
            ["Uris"] = uris,
        };
    }

    public static JsonObject Album(ApiContext ctx, FakeAlbum a) => new()
    {
        ["AlbumKey"] = a.AlbumKey,
        ["NodeID"] = a.NodeId,
        ["Name"] = a.Name,
        ["Title"] = a.Name,
        ["UrlName"] = a.UrlName,
        ["UrlPath"] = a.UrlPath,
        ["Description"] = a.Description,
        ["Keywords"] = string.Join("; ", a.Keywords),
        ["ImageCount"] = a.Listed.Count,
        ["LastUpdated"] = Date(a.LastUpdated),
        ["ImagesLastUpdated"] = Date(a.ImagesLastUpdated),
        ["Date"] = Date(a.DateAdded),
        ["SortMethod"] = a.SortMethod,
        ["SortDirection"] = a.SortDirection,
        ["SecurityType"] = a.SecurityType,
        ["Privacy"] = a.Privacy.ToString(),
        ["AllowDownloads"] = a.AllowDownloads,
        ["ResponseLevel"] = "Full",
        ["Uri"] = AlbumUri(a),
        ["WebUri"] = a.WebUriOverride ?? WebUri(ctx, a.UrlPath),
        ["Uris"] = new JsonObject
        {
            ["AlbumImages"] = UriEntry($"{AlbumUri(a)}!images", "AlbumImage", true, "Images from album"),
            ["AlbumHighlightImage"] = UriEntry($"{AlbumUri(a)}!highlightimage", "AlbumImage", false, "Highlight image for album"),
            ["HighlightImage"] = UriEntry($"{ApiRoot}/highlight/node/{a.NodeId}", "Image", false, "Highlight image for a folder, album, or page"),
            ["Node"] = UriEntry(NodeUri(a), "Node", false, "Node information"),
            ["User"] = UriEntry(UserUri(ctx.Library), "User", false, "User information"),
        },
    };

    /// <summary>An image as seen in an album (<c>!images</c>) or on its own (<c>/image/KEY</c>); only Uri and a few Uris differ.</summary>
    public static JsonObject Image(ApiContext ctx, FakeImage i, bool asAlbumImage)
    {
        var baseUri = ImageUri(i);
        var uris = new JsonObject
        {
            ["LargestImage"] = UriEntry($"{baseUri}!largestimage", "LargestImage", false, "Largest size available for image"),
            ["ImageSizes"] = UriEntry($"{baseUri}!sizes", "ImageSizes", false, "Sizes available for image"),
            ["ImageSizeDetails"] = UriEntry($"{baseUri}!sizedetails", "ImageSizeDetails", false, "Detailed size information for image"),
            ["ImageMetadata"] = UriEntry($"{ApiRoot}/image/{i.ImageKey}-{i.Serial}!metadata", "ImageMetadata", false, "Metadata for image"),
            ["ImageAlbum"] = UriEntry(AlbumUri(i.Album), "Album", false, "Album containing image"),
        };
        if (asAlbumImage)
        {
            uris["Image"] = UriEntry(baseUri, "Image", false, "Image information");
        }

        var keywordArray = new JsonArray();
        foreach (var k in i.Keywords)
        {
            keywordArray.Add(k);
        }

        var o = new JsonObject
        {
            ["ImageKey"] = i.ImageKey,
            ["Serial"] = i.Serial,
            ["FileName"] = i.FileName,
            ["Title"] = i.Title,
            ["Caption"] = i.Caption,
            ["Keywords"] = string.Join("; ", i.Keywords),
            ["KeywordArray"] = keywordArray,
            ["Date"] = Date(i.DateTimeUploaded),
            ["DateTimeUploaded"] = Date(i.DateTimeUploaded),
        };
        if (i.DateTimeOriginal is { } taken)
        {
            o["DateTimeOriginal"] = Date(taken);
        }

        o["LastUpdated"] = Date(i.LastUpdated);
        o["Format"] = i.Format;
        o["OriginalWidth"] = i.OriginalWidth;
        o["OriginalHeight"] = i.OriginalHeight;
        o["OriginalSize"] = OriginalBytes(i);
        o["ArchivedUri"] = ImageUrls.Url(ctx.PublicBaseUrl, i, "D");
        o["ArchivedSize"] = OriginalBytes(i);
        o["ArchivedMD5"] = i.Upload?.Md5Hex ?? PseudoMd5(i);
        o["ThumbnailUrl"] = ImageUrls.Url(ctx.PublicBaseUrl, i, "Th");
        o["WebUri"] = i.WebUriOverride ?? WebUri(ctx, $"{i.Album.UrlPath}/i-{i.ImageKey}");
        o["Hidden"] = i.Hidden;
        o["IsVideo"] = i.IsVideo;
        o["Processing"] = false;
        o["Watermarked"] = false;
        o["Latitude"] = Coordinate(i.Latitude);
        o["Longitude"] = Coordinate(i.Longitude);
        o["Altitude"] = i.Altitude;
        o["CanEdit"] = true;
        o["Uri"] = asAlbumImage ? AlbumImageUri(i) : baseUri;
        o["Uris"] = uris;
        return o;
    }

    public static JsonObject SizeDetails(ApiContext ctx, FakeImage i)
    {
        var o = new JsonObject
        {
            ["ImageUrlTemplate"] = ImageUrls.Template(ctx.PublicBaseUrl, i),
            ["UsableSizes"] = new JsonArray([.. UsableSizes(i).Select(s => (JsonNode)s.ApiName)]),
        };
        foreach (var size in UsableSizes(i))
        {
            var (w, h) = size.Fit(i.OriginalWidth, i.OriginalHeight);
            o[size.ApiName] = new JsonObject
            {
                ["Url"] = ImageUrls.Url(ctx.PublicBaseUrl, i, size.Code),
                ["Ext"] = "jpg",
                ["Width"] = w,
                ["Height"] = h,
                ["Size"] = RenditionBytes(i, size),
            };
        }

        o["Uri"] = $"{ImageUri(i)}!sizedetails";
        return o;
    }

    public static JsonObject Sizes(ApiContext ctx, FakeImage i)
    {
        var o = new JsonObject();
        foreach (var size in UsableSizes(i))
        {
            o[size.ImageSizesField] = ImageUrls.Url(ctx.PublicBaseUrl, i, size.Code);
        }

        o["LargestImageUrl"] = ImageUrls.Url(ctx.PublicBaseUrl, i, LargestSize(i).Code);
        o["Uri"] = $"{ImageUri(i)}!sizes";
        return o;
    }

    public static JsonObject Largest(ApiContext ctx, FakeImage i)
    {
        var size = LargestSize(i);
        var (w, h) = size.Fit(i.OriginalWidth, i.OriginalHeight);
        return new JsonObject
        {
            ["Url"] = ImageUrls.Url(ctx.PublicBaseUrl, i, size.Code),
            ["Ext"] = "jpg",
            ["Width"] = w,
            ["Height"] = h,
            ["Size"] = RenditionBytes(i, size),
            ["Usable"] = true,
            ["Uri"] = $"{ImageUri(i)}!largestimage",
        };
    }

    public static JsonObject Metadata(FakeImage i)
    {
        var o = new JsonObject
        {
            ["Make"] = i.Exif.Make,
            ["Model"] = i.Exif.Model,
            ["Lens"] = i.Exif.Lens,
            ["ISO"] = i.Exif.Iso,
            ["Aperture"] = i.Exif.FNumber,
            ["FNumber"] = i.Exif.FNumber,
            ["ExposureTime"] = i.Exif.ExposureTime,
            ["FocalLength"] = i.Exif.FocalLength,
            ["Title"] = i.Title,
            ["Caption"] = i.Caption,
            ["Keywords"] = string.Join("; ", i.Keywords),
            ["Flash"] = "Flash did not fire",
        };
        if (i.DateTimeOriginal is { } taken)
        {
            o["DateTimeOriginal"] = taken.ToString("yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture);
            o["DateTimeCreated"] = taken.ToString("yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture);
        }

        if (i.Latitude is { } lat && i.Longitude is { } lon)
        {
            o["GPSLatitude"] = Coordinate(lat);
            o["GPSLongitude"] = Coordinate(lon);
            o["GPSAltitude"] = i.Altitude;
        }

        o["Uri"] = $"{ApiRoot}/image/{i.ImageKey}-{i.Serial}!metadata";
        return o;
    }

    public static IEnumerable<ImageSize> UsableSizes(FakeImage i) =>
        ImageSize.All.Where(s => s.IsUsableFor(i.OriginalWidth, i.OriginalHeight)
            && (!s.IsOriginal || i.Album.AllowDownloads));

    /// <summary>The original when downloads are allowed, else the largest display size.</summary>
    public static ImageSize LargestSize(FakeImage i) => UsableSizes(i).Last();

    private static string Coordinate(double? v) => (v ?? 0).ToString("0.00000000000000", CultureInfo.InvariantCulture);

    /// <summary>The byte length the photo host serves for a size: an uploaded original is served as it was sent.</summary>
    public static long RenditionBytes(FakeImage i, ImageSize size)
    {
        if (size.IsOriginal && i.Upload is { } upload)
        {
            return upload.Bytes.Length;
        }

        var (w, h) = size.Fit(i.OriginalWidth, i.OriginalHeight);
        return ImageSize.ByteSize(w, h);
    }

    private static long OriginalBytes(FakeImage i) => i.Upload?.Bytes.Length ?? ImageSize.ByteSize(i.OriginalWidth, i.OriginalHeight);

    /// <summary>Stable per file version; not the digest of the served bytes, which would require rendering the original (uploads report the real digest).</summary>
#pragma warning disable CA5351 // SmugMug reports an MD5 here; it identifies a file version, it protects nothing.
    private static string PseudoMd5(FakeImage i) =>
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes($"{i.ImageKey}-{i.Serial}")));
#pragma warning restore CA5351
}
