using System.Text.Json;
using TargetVision.Api.Infrastructure.Http;

namespace TargetVision.Api.Integrations.SmugMug;

/// <summary>The authenticated user (<c>!authuser</c>).</summary>
public sealed record SmugMugUser(string NickName, string Name, string? WebUri, string RootNodeId)
{
    public static SmugMugUser Parse(JsonElement e) => new(
        e.Str("NickName") ?? "", e.Str("Name") ?? "", e.Link("WebUri"),
        JsonFields.LastSegment(e.UriOf("Node")) ?? throw new SmugMugApiException(SmugMugErrorKind.BadResponse, "The SmugMug user has no root node."));
}

/// <summary>A folder, album or page in the node tree. A Node has no AlbumKey: it is the last segment of Uris.Album.</summary>
public sealed record SmugMugNode(string NodeId, string Name, string Type, bool HasChildren, bool IsRoot, string? WebUri, string? UrlPath, string? AlbumKey, SmugMugAlbum? Album)
{
    public bool IsFolder => Type == "Folder";
    public bool IsAlbum => Type == "Album";

    /// <summary>Profile/cover photo holders; never shown or synced.</summary>
    public bool IsSystemAlbum => Type == "System Album";

    public static SmugMugNode Parse(JsonElement e, SmugMugResponse? response = null)
    {
        var albumJson = response?.Expansion(e, "Album");
        return new(
            e.Str("NodeID") ?? "", e.Str("Name") ?? "", e.Str("Type") ?? "", e.Bool("HasChildren"), e.Bool("IsRoot"),
            e.Link("WebUri"), e.Str("UrlPath"), JsonFields.LastSegment(e.UriOf("Album")),
            albumJson is { } a ? SmugMugAlbum.Parse(a) : null);
    }
}

public sealed record SmugMugAlbum(
    string AlbumKey, string? NodeId, string Name, string? Description, List<string> Keywords, int ImageCount,
    DateTimeOffset? LastUpdated, DateTimeOffset? ImagesLastUpdated, string? UrlPath, string? WebUri, string? Privacy)
{
    public static SmugMugAlbum Parse(JsonElement e) => new(
        e.Str("AlbumKey") ?? "", e.Str("NodeID"), e.Str("Name") ?? e.Str("Title") ?? "", e.Str("Description"),
        JsonFields.Keywords(e.Str("Keywords")), e.Int("ImageCount") ?? 0, e.Date("LastUpdated"), e.Date("ImagesLastUpdated"),
        e.Str("UrlPath"), e.Link("WebUri"), e.Str("Privacy"));
}

/// <summary>An image as listed in an album or fetched alone, with its size details when they were expanded.</summary>
public sealed record SmugMugImage(
    string ImageKey, int Serial, string? FileName, string? Title, string? Caption, List<string> Keywords,
    DateTimeOffset? DateTimeOriginal, DateTimeOffset? Uploaded, DateTimeOffset? LastUpdated, string? Format,
    int? OriginalWidth, int? OriginalHeight, long? OriginalSize, string? ArchivedMd5, string? ThumbnailUrl, string? WebUri,
    bool Hidden, bool IsVideo, double? Latitude, double? Longitude, SmugMugSizeDetails? SizeDetails)
{
    public static SmugMugImage Parse(JsonElement e, SmugMugResponse? response = null)
    {
        List<string> keywords = e.TryGetProperty("KeywordArray", out var arr) && arr.ValueKind == JsonValueKind.Array
            ? [.. arr.EnumerateArray().Select(k => TextInput.Strip(k.GetString() ?? "", keepLineBreaks: false)).Where(k => k.Length > 0)]
            : JsonFields.Keywords(e.Str("Keywords"));
        var details = response?.Expansion(e, "ImageSizeDetails");
        var lat = e.Double("Latitude");
        var lon = e.Double("Longitude");
        // SmugMug reports "0.00000000000000" for photos without a location.
        var hasPlace = lat is not null && lon is not null && (lat != 0 || lon != 0);
        return new(
            e.Str("ImageKey") ?? "", e.Int("Serial") ?? 0, e.Str("FileName"), e.Str("Title"), e.Str("Caption"), keywords,
            e.Date("DateTimeOriginal"), e.Date("DateTimeUploaded") ?? e.Date("Date"), e.Date("LastUpdated"), e.Str("Format"),
            e.Int("OriginalWidth"), e.Int("OriginalHeight"), e.Long("OriginalSize"), e.Str("ArchivedMD5"), e.Str("ThumbnailUrl"),
            e.Link("WebUri"), e.Bool("Hidden"), e.Bool("IsVideo"), hasPlace ? lat : null, hasPlace ? lon : null,
            details is { } d ? SmugMugSizeDetails.Parse(d) : null);
    }
}

/// <summary>One rendition of an image.</summary>
public sealed record SmugMugSize(string Code, string Url, int Width, int Height, long? Bytes);

/// <summary><c>!sizedetails</c>: the URL template (with <c>#size#</c>), the usable size codes and each size's box.</summary>
public sealed record SmugMugSizeDetails(string? UrlTemplate, List<string> UsableSizes, List<SmugMugSize> Sizes)
{
    public static SmugMugSizeDetails Parse(JsonElement e)
    {
        List<string> usable = e.TryGetProperty(nameof(UsableSizes), out var u) && u.ValueKind == JsonValueKind.Array
            ? [.. u.EnumerateArray().Select(x => SizeCodes.FromApiName(x.GetString())).OfType<string>()]
            : [];
        var sizes = new List<SmugMugSize>();
        foreach (var property in e.EnumerateObject())
        {
            if (SizeCodes.FromApiName(property.Name) is { } code && property.Value.ValueKind == JsonValueKind.Object
                && property.Value.Str("Url") is { } url)
            {
                sizes.Add(new(code, url, property.Value.Int("Width") ?? 0, property.Value.Int("Height") ?? 0, property.Value.Long("Size")));
            }
        }
        return new(e.Str("ImageUrlTemplate"), usable, sizes);
    }
}

/// <summary><c>!largestimage</c>.</summary>
public sealed record SmugMugLargestImage(string Url, int Width, int Height, long? Bytes)
{
    public static SmugMugLargestImage Parse(JsonElement e) => new(e.Str("Url") ?? "", e.Int("Width") ?? 0, e.Int("Height") ?? 0, e.Long("Size"));
}
