using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FakeSmugMug.Model;

namespace FakeSmugMug.Api;

/// <summary>
/// Maps a GET path under /api/v2 to its payload. Expansions reuse it with the URIs found in <c>Uris</c>, so an
/// expanded object is exactly what a direct request would return.
/// </summary>
public static partial class ApiResolver
{
    private sealed record Route(Regex Pattern, string Name, Func<ApiContext, Match, string, QueryParameters, ApiResult> Handler);

    private const string Id = "[A-Za-z0-9]+";

    private static readonly Route[] Routes =
    [
        new(R(@"^/api/v2!authuser$"), "/api/v2!authuser", (c, _, p, _) => Obj(p, "User", ApiJson.User(c))),
        new(R($@"^/api/v2/user/(?<nick>[^/!]+)$"), "/api/v2/user/{nick}", (c, m, p, _) => Obj(p, "User", ApiJson.User(CheckUser(c, m)))),
        new(R($@"^/api/v2/user/(?<nick>[^/!]+)!albums$"), "/api/v2/user/{nick}!albums", UserAlbums),
        new(R($@"^/api/v2/node/(?<id>{Id})$"), "/api/v2/node/{id}", (c, m, p, _) => Obj(p, "Node", ApiJson.Node(c, Node(c, m)))),
        new(R($@"^/api/v2/node/(?<id>{Id})!children$"), "/api/v2/node/{id}!children", Children),
        new(R($@"^/api/v2/node/(?<id>{Id})!parents$"), "/api/v2/node/{id}!parents", Parents),
        new(R($@"^/api/v2/node/(?<id>{Id})!cover$"), "/api/v2/node/{id}!cover", Highlight),
        new(R($@"^/api/v2/highlight/node/(?<id>{Id})$"), "/api/v2/highlight/node/{id}", Highlight),
        new(R($@"^/api/v2/folder/user/(?<nick>[^/!]+)(?<path>(/[^/!]+)*)!albums$"), "/api/v2/folder/user/{nick}/{path}!albums", FolderAlbums),
        new(R($@"^/api/v2/album/(?<key>{Id})$"), "/api/v2/album/{key}", (c, m, p, _) => Obj(p, "Album", ApiJson.Album(c, Album(c, m)))),
        new(R($@"^/api/v2/album/(?<key>{Id})!images$"), "/api/v2/album/{key}!images", AlbumImages),
        new(R($@"^/api/v2/album/(?<key>{Id})!highlightimage$"), "/api/v2/album/{key}!highlightimage", AlbumHighlight),
        new(R($@"^/api/v2/album/(?<key>{Id})/image/(?<image>{Id})(-(?<serial>\d+))?$"), "/api/v2/album/{key}/image/{image}", AlbumImage),
        new(R($@"^/api/v2/image/(?<image>{Id})(-(?<serial>\d+))?$"), "/api/v2/image/{image}", (c, m, p, _) => Obj(p, "Image", ApiJson.Image(c, Image(c, m), asAlbumImage: false))),
        new(R($@"^/api/v2/image/(?<image>{Id})(-(?<serial>\d+))?!sizedetails$"), "/api/v2/image/{image}!sizedetails", (c, m, p, _) => Obj(p, "ImageSizeDetails", ApiJson.SizeDetails(c, Image(c, m)))),
        new(R($@"^/api/v2/image/(?<image>{Id})(-(?<serial>\d+))?!sizes$"), "/api/v2/image/{image}!sizes", (c, m, p, _) => Obj(p, "ImageSizes", ApiJson.Sizes(c, Image(c, m)))),
        new(R($@"^/api/v2/image/(?<image>{Id})(-(?<serial>\d+))?!largestimage$"), "/api/v2/image/{image}!largestimage", (c, m, p, _) => Obj(p, "LargestImage", ApiJson.Largest(c, Image(c, m)))),
        new(R($@"^/api/v2/image/(?<image>{Id})(-(?<serial>\d+))?!metadata$"), "/api/v2/image/{image}!metadata", (c, m, p, _) => Obj(p, "ImageMetadata", ApiJson.Metadata(Image(c, m)))),
    ];

    /// <summary>The route name used by request counters, or null for an unknown path.</summary>
    public static string? PatternFor(string path) => Routes.FirstOrDefault(r => r.Pattern.IsMatch(path))?.Name ?? ApiWrites.PatternFor(path);

    /// <summary>Resolves a path; the caller holds the library lock.</summary>
    public static ApiResult Resolve(ApiContext ctx, string path, QueryParameters query)
    {
        foreach (var route in Routes)
        {
            var m = route.Pattern.Match(path);
            if (m.Success)
            {
                return route.Handler(ctx, m, path, query);
            }
        }

        throw new ApiException(404, "Not Found");
    }

    /// <summary>The image a PATCH addresses, with the same visibility rules as a GET.</summary>
    public static FakeImage ImageForPatch(ApiContext ctx, string path)
    {
        var m = PatchPattern().Match(path);
        if (!m.Success)
        {
            throw new ApiException(405, "Method Not Allowed");
        }

        return Image(ctx, m);
    }

    [GeneratedRegex(@"^/api/v2/image/(?<image>[A-Za-z0-9]+)(-(?<serial>\d+))?$")]
    private static partial Regex PatchPattern();

    private static Regex R(string pattern) => new(pattern, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);

    private static ApiResult Obj(string path, string locator, JsonObject payload) => new(path, locator, payload, null);

    private static ApiResult List<T>(ApiContext c, string path, QueryParameters q, string locator, IReadOnlyList<T> all, Func<T, JsonObject> write)
    {
        var (items, pages) = Paging.Page(all, path, q, c.Options);
        return new ApiResult(path + q.ToEchoString(k => !k.StartsWith('_') || k == "_pretty"), locator, new JsonArray([.. items.Select(i => (JsonNode)write(i))]), pages);
    }

    private static ApiContext CheckUser(ApiContext c, Match m) =>
        string.Equals(m.Groups["nick"].Value, c.Library.NickName, StringComparison.OrdinalIgnoreCase)
            ? c
            : throw new ApiException(404, "Not Found");

    private static FakeNode Node(ApiContext c, Match m)
    {
        var node = c.Library.FindNode(m.Groups["id"].Value);
        return node is not null && c.CanSee(node) ? node : throw new ApiException(404, "Not Found");
    }

    private static FakeAlbum Album(ApiContext c, Match m)
    {
        var album = c.Library.FindAlbum(m.Groups["key"].Value);
        return album is not null && c.CanSee(album) ? album : throw new ApiException(404, "Not Found");
    }

    private static FakeImage Image(ApiContext c, Match m)
    {
        var image = c.Library.FindImage(m.Groups["image"].Value);
        if (image is null || !c.CanSee(image.Album))
        {
            throw new ApiException(404, "Not Found");
        }

        // An old serial means the file was replaced since the caller stored the URI.
        if (m.Groups["serial"].Success && int.Parse(m.Groups["serial"].Value, CultureInfo.InvariantCulture) != image.Serial)
        {
            throw new ApiException(404, "Not Found");
        }

        return image;
    }

    private static ApiResult UserAlbums(ApiContext c, Match m, string path, QueryParameters q)
    {
        CheckUser(c, m);
        var albums = c.Library.Root.Descendants().OfType<FakeAlbum>().Where(a => !a.IsSystemAlbum && c.CanSee(a)).ToList();
        return List(c, path, q, "Album", albums, a => ApiJson.Album(c, a));
    }

    private static ApiResult FolderAlbums(ApiContext c, Match m, string path, QueryParameters q)
    {
        var folder = FolderByUrlPath(c, m);
        IReadOnlyList<FakeAlbum> albums = [.. folder.Children.OfType<FakeAlbum>().Where(a => !a.IsSystemAlbum && c.CanSee(a))];
        return List(c, path, q, "Album", albums, a => ApiJson.Album(c, a));
    }

    /// <summary>A folder addressed as SmugMug's folder endpoints do: the owner's nickname and the folder's URL path.</summary>
    public static FakeFolder FolderByUrlPath(ApiContext c, Match m)
    {
        CheckUser(c, m);
        var urlPath = m.Groups["path"].Value;
        var folder = urlPath.Length == 0
            ? c.Library.Root
            : c.Library.Folders().FirstOrDefault(f => !f.IsRoot && string.Equals(f.UrlPath, urlPath, StringComparison.OrdinalIgnoreCase));
        return folder is not null && c.CanSee(folder) ? folder : throw new ApiException(404, "Not Found");
    }

    private static ApiResult Children(ApiContext c, Match m, string path, QueryParameters q)
    {
        var node = Node(c, m);
        IReadOnlyList<FakeNode> children = node is FakeFolder f ? [.. f.Children.Where(c.CanSee)] : [];
        return List(c, path, q, "Node", children, n => ApiJson.Node(c, n));
    }

    private static ApiResult Parents(ApiContext c, Match m, string path, QueryParameters q)
    {
        var chain = new List<FakeNode>();
        for (FakeNode? n = Node(c, m); n is not null; n = n.Parent)
        {
            chain.Add(n);
        }

        return List(c, path, q, "Node", chain, n => ApiJson.Node(c, n));
    }

    private static ApiResult Highlight(ApiContext c, Match m, string path, QueryParameters q)
    {
        var node = Node(c, m);
        var image = node switch
        {
            FakeAlbum a => a.EffectiveHighlight,
            FakeFolder f => f.HighlightImage is { } h && c.CanSee(h.Album)
                ? h
                : f.Descendants().OfType<FakeAlbum>().Where(a => !a.IsSystemAlbum && c.CanSee(a)).Select(a => a.EffectiveHighlight).FirstOrDefault(i => i is not null),
            _ => null,
        };
        return image is null ? throw new ApiException(404, "Not Found") : Obj(path, "Image", ApiJson.Image(c, image, asAlbumImage: false));
    }

    private static ApiResult AlbumImages(ApiContext c, Match m, string path, QueryParameters q)
    {
        var album = Album(c, m);
        return List(c, path, q, "AlbumImage", album.Listed, i => ApiJson.Image(c, i, asAlbumImage: true));
    }

    private static ApiResult AlbumHighlight(ApiContext c, Match m, string path, QueryParameters q)
    {
        var image = Album(c, m).EffectiveHighlight ?? throw new ApiException(404, "Not Found");
        return Obj(path, "AlbumImage", ApiJson.Image(c, image, asAlbumImage: true));
    }

    private static ApiResult AlbumImage(ApiContext c, Match m, string path, QueryParameters q)
    {
        var album = Album(c, m);
        var image = Image(c, m);
        return image.Album != album ? throw new ApiException(404, "Not Found") : Obj(path, "AlbumImage", ApiJson.Image(c, image, asAlbumImage: true));
    }
}
