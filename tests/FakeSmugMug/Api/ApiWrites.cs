using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FakeSmugMug.Model;
using FakeSmugMug.OAuth;

namespace FakeSmugMug.Api;

/// <summary>
/// The writes of API v2 the app uses to publish: <c>POST folder/user/NICK[/path]!albums</c> creates an album
/// (JSON or form body: Name and UrlName required, Privacy optional; a URL name already used in the folder is a 409)
/// and answers 201 with the Album in the usual envelope; <c>POST album/KEY!collectimages</c> adds existing images
/// listed comma-separated in the body's <c>CollectUris</c> (in the query string it is refused). Both need a token
/// granted Modify, else 403 "The user has not granted the required permissions".
/// </summary>
public static partial class ApiWrites
{
    [GeneratedRegex(@"^/api/v2/folder/user/(?<nick>[^/!]+)(?<path>(/[^/!]+)*)!albums$", RegexOptions.ExplicitCapture)]
    private static partial Regex CreateAlbumPattern();

    [GeneratedRegex(@"^/api/v2/album/(?<key>[A-Za-z0-9]+)!collectimages$", RegexOptions.ExplicitCapture)]
    private static partial Regex CollectPattern();

    [GeneratedRegex(@"^/api/v2/(album/[A-Za-z0-9]+/)?image/(?<image>[A-Za-z0-9]+)(-(?<serial>\d+))?$", RegexOptions.ExplicitCapture)]
    private static partial Regex ImageUriPattern();

    [GeneratedRegex(@"^[A-Z][A-Za-z0-9-]{0,59}$")]
    private static partial Regex UrlNamePattern();

    public static string? PatternFor(string path) =>
        CollectPattern().IsMatch(path) ? "/api/v2/album/{key}!collectimages" : null;

    public static async Task<(int Status, JsonObject Body)> PostAsync(HttpContext http, ApiContext ctx, string path, QueryParameters query)
    {
        var create = CreateAlbumPattern().Match(path);
        var collect = CollectPattern().Match(path);
        if (!create.Success && !collect.Success)
        {
            throw new ApiException(405, "Method Not Allowed");
        }

        if (ctx.Grant.Permissions < PermissionLevel.Modify)
        {
            throw new ApiException(403, "The user has not granted the required permissions");
        }

        if (collect.Success && query.Has("CollectUris"))
        {
            throw new ApiException(400, "Bad Request: CollectUris must be sent in the request body");
        }

        var fields = await ReadFieldsAsync(http.Request, http.RequestAborted);
        lock (ctx.Library.SyncRoot)
        {
            return create.Success ? CreateAlbum(ctx, create, path, query, fields) : Collect(ctx, collect, path, query, fields);
        }
    }

    private static (int, JsonObject) CreateAlbum(ApiContext ctx, Match m, string path, QueryParameters query, Dictionary<string, string> fields)
    {
        var folder = ApiResolver.FolderByUrlPath(ctx, m);
        var name = fields.GetValueOrDefault("Name")?.Trim();
        var urlName = fields.GetValueOrDefault("UrlName")?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            throw new ApiException(400, "Bad Request: Name is required");
        }

        if (urlName is null || !UrlNamePattern().IsMatch(urlName))
        {
            throw new ApiException(400, "Bad Request: UrlName must start with a capital letter and use only letters, digits and dashes");
        }

        var privacy = Privacy.Public;
        if (fields.GetValueOrDefault("Privacy") is { } p && !Enum.TryParse(p, ignoreCase: false, out privacy))
        {
            throw new ApiException(400, "Bad Request: Privacy must be Public, Unlisted or Private");
        }

        if (folder.Children.Any(n => string.Equals(n.UrlName, urlName, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ApiException(409, "Conflict: a node with this UrlName already exists in the folder");
        }

        var album = ctx.Library.AddAlbum(folder, name, privacy);
        album.UrlNameOverride = urlName;
        var body = ResponseShaper.Envelope(ctx, "POST", path, query, new ApiResult(path, "Album", ApiJson.Album(ctx, album), null));
        body["Code"] = 201;
        body["Message"] = "Created";
        return (201, body);
    }

    private static (int, JsonObject) Collect(ApiContext ctx, Match m, string path, QueryParameters query, Dictionary<string, string> fields)
    {
        var album = ctx.Library.FindAlbum(m.Groups["key"].Value);
        if (album is null || !ctx.CanSee(album) || album.IsSystemAlbum)
        {
            throw new ApiException(404, "Not Found");
        }

        var uris = fields.GetValueOrDefault("CollectUris")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        if (uris.Length == 0)
        {
            throw new ApiException(400, "Bad Request: CollectUris is required");
        }

        var images = new List<FakeImage>();
        foreach (var uri in uris)
        {
            var im = ImageUriPattern().Match(uri);
            var image = im.Success ? ctx.Library.FindImage(im.Groups["image"].Value) : null;
            if (image is null || !ctx.CanSee(image.Album)
                || (im.Groups["serial"].Success && im.Groups["serial"].Value != image.Serial.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                throw new ApiException(404, $"Not Found: {uri}");
            }

            images.Add(image);
        }

        ctx.Library.CollectImages(album, images);
        var payload = new JsonArray([.. images.Select(i => (JsonNode)ApiJson.Image(ctx, i, asAlbumImage: true))]);
        return (200, ResponseShaper.Envelope(ctx, "POST", path, query, new ApiResult(path, "AlbumImage", payload, null)));
    }

    /// <summary>A JSON object of strings, or a form body (already covered by the OAuth signature).</summary>
    private static async Task<Dictionary<string, string>> ReadFieldsAsync(HttpRequest request, CancellationToken ct)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            request.Body.Position = 0;
            using var reader = new StreamReader(request.Body);
            foreach (var (k, v) in OAuthEncoding.ParseForm(await reader.ReadToEndAsync(ct)))
            {
                fields[k] = v;
            }

            return fields;
        }

        var o = await ApiEndpoint.ReadJsonObjectAsync(request, ct);

        foreach (var (k, v) in o)
        {
            if (v is JsonValue value && value.TryGetValue<string>(out var text))
            {
                fields[k] = text;
            }
        }

        return fields;
    }
}
