using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace TargetVision.Api.Integrations.SmugMug;

/// <summary>
/// Typed SmugMug API v2 client: OAuth token legs, and the reads the app needs. Collections follow every page (the
/// pages after the first are fetched in parallel once the total is known, bounded by the transport's limit),
/// de-duplicated by key because concurrent edits can shift pages; <c>_filter</c> keeps payloads small and
/// <c>_expand=ImageSizeDetails</c> avoids one request per photo.
/// </summary>
public sealed class SmugMugClient(SmugMugTransport transport, IOptions<SmugMugOptions> options)
{
    public const int PageSize = 100;

    private const string ImageFields = "ImageKey,Serial,FileName,Title,Caption,Keywords,KeywordArray,Date,DateTimeUploaded,DateTimeOriginal,LastUpdated,Format,OriginalWidth,OriginalHeight,OriginalSize,ArchivedMD5,ThumbnailUrl,WebUri,Hidden,IsVideo,Latitude,Longitude";
    private const string ImageStampFields = "ImageKey,Serial,LastUpdated";
    private const string ImageTextFields = "ImageKey,Serial,Title,Caption,Keywords,KeywordArray,LastUpdated";
    private const string NodeFields = "NodeID,Name,Type,HasChildren,IsRoot,WebUri,UrlPath";
    private const string AlbumFields = "AlbumKey,NodeID,Name,Title,Description,Keywords,ImageCount,LastUpdated,ImagesLastUpdated,UrlPath,WebUri,Privacy";

    private SmugMugOptions Options => options.Value;

    // ---- OAuth legs -------------------------------------------------------------------------------------------

    public async Task<OAuthToken> GetRequestTokenAsync(OAuthCredentials consumer, string callbackUrl, CancellationToken ct)
    {
        var body = await transport.SendAsync(HttpMethod.Get, OAuthUri("getRequestToken"), consumer with { Token = null, TokenSecret = null }, ct,
            [new("oauth_callback", callbackUrl)]);
        return OAuthToken.Parse(body);
    }

    public async Task<OAuthToken> GetAccessTokenAsync(OAuthCredentials requestToken, string verifier, CancellationToken ct)
    {
        var body = await transport.SendAsync(HttpMethod.Get, OAuthUri("getAccessToken"), requestToken, ct, [new("oauth_verifier", verifier)]);
        return OAuthToken.Parse(body);
    }

    public string AuthorizeUrl(string requestToken, string? permissions = null) =>
        $"{(Options.AuthorizeBaseUrl ?? Options.OAuthBaseUrl).TrimEnd('/')}/authorize?oauth_token={OAuthSigner.Encode(requestToken)}&Access={OAuthSigner.Encode(Options.Access)}&Permissions={OAuthSigner.Encode(permissions ?? Options.Permissions)}";

    private Uri OAuthUri(string leg) => new($"{Options.OAuthBaseUrl.TrimEnd('/')}/{leg}");

    // ---- Reads --------------------------------------------------------------------------------------------------

    public async Task<SmugMugUser> GetAuthUserAsync(OAuthCredentials c, CancellationToken ct) =>
        SmugMugUser.Parse(Required(await GetAsync(c, "!authuser", [], ct)));

    public async Task<SmugMugNode> GetNodeAsync(OAuthCredentials c, string nodeId, CancellationToken ct)
    {
        var r = await GetAsync(c, $"/api/v2/node/{Seg(nodeId)}", [("_filter", NodeFields), ("_expand", "Album")], ct);
        return SmugMugNode.Parse(Required(r), r);
    }

    /// <summary>Every child of a folder (all pages), with each album child's Album object expanded.</summary>
    public async Task<List<SmugMugNode>> GetChildrenAsync(OAuthCredentials c, string nodeId, CancellationToken ct) =>
        await GetAllAsync(c, $"/api/v2/node/{Seg(nodeId)}!children", [("_filter", NodeFields), ("_expand", "Album")],
            (e, r) => SmugMugNode.Parse(e, r), n => n.NodeId, ct);

    /// <summary>The node and its ancestors, self first and root last.</summary>
    public async Task<List<SmugMugNode>> GetParentsAsync(OAuthCredentials c, string nodeId, CancellationToken ct) =>
        await GetAllAsync(c, $"/api/v2/node/{Seg(nodeId)}!parents", [("_filter", NodeFields)], (e, _) => SmugMugNode.Parse(e), n => n.NodeId, ct);

    public async Task<SmugMugAlbum> GetAlbumAsync(OAuthCredentials c, string albumKey, CancellationToken ct) =>
        SmugMugAlbum.Parse(Required(await GetAsync(c, $"/api/v2/album/{Seg(albumKey)}", [("_filter", AlbumFields)], ct)));

    /// <summary>Every image of an album with metadata and size details (one request per 100 photos).</summary>
    public Task<List<SmugMugImage>> GetAlbumImagesAsync(OAuthCredentials c, string albumKey, CancellationToken ct) =>
        GetAllAsync(c, $"/api/v2/album/{Seg(albumKey)}!images", [("_filter", ImageFields), ("_expand", "ImageSizeDetails")],
            (e, r) => SmugMugImage.Parse(e, r), i => i.ImageKey, ct);

    /// <summary>Only keys, serials and LastUpdated: the cheap listing an incremental sync compares against.</summary>
    public Task<List<SmugMugImage>> GetAlbumImageStampsAsync(OAuthCredentials c, string albumKey, CancellationToken ct) =>
        GetAllAsync(c, $"/api/v2/album/{Seg(albumKey)}!images", [("_filter", ImageStampFields)],
            (e, _) => SmugMugImage.Parse(e), i => i.ImageKey, ct);

    /// <summary>One page of an album, for the browse view's cursor paging.</summary>
    public async Task<(List<SmugMugImage> Images, int Total, int? NextStart)> GetAlbumImagesPageAsync(
        OAuthCredentials c, string albumKey, int start, int count, CancellationToken ct)
    {
        var r = await GetAsync(c, $"/api/v2/album/{Seg(albumKey)}!images",
            [("_filter", ImageFields), ("start", Num(start)), ("count", Num(Math.Clamp(count, 1, PageSize)))], ct);
        var images = r.Items.Select(e => SmugMugImage.Parse(e, r)).ToList();
        return (images, r.Total ?? images.Count, r.HasNextPage ? r.NextStart : null);
    }

    public async Task<SmugMugImage> GetImageAsync(OAuthCredentials c, string imageKey, CancellationToken ct)
    {
        var r = await GetAsync(c, $"/api/v2/image/{Seg(imageKey)}", [("_filter", ImageFields), ("_expand", "ImageSizeDetails")], ct);
        return SmugMugImage.Parse(Required(r), r);
    }

    public async Task<SmugMugSizeDetails> GetSizeDetailsAsync(OAuthCredentials c, string imageKey, CancellationToken ct) =>
        SmugMugSizeDetails.Parse(Required(await GetAsync(c, $"/api/v2/image/{Seg(imageKey)}!sizedetails", [], ct)));

    public async Task<SmugMugLargestImage> GetLargestImageAsync(OAuthCredentials c, string imageKey, CancellationToken ct) =>
        SmugMugLargestImage.Parse(Required(await GetAsync(c, $"/api/v2/image/{Seg(imageKey)}!largestimage", [], ct)));

    /// <summary>An album's cover (its highlight, or SmugMug's default: the first photo), with sizes; null when empty.</summary>
    public async Task<SmugMugImage?> GetAlbumHighlightAsync(OAuthCredentials c, string albumKey, CancellationToken ct) =>
        await OptionalImageAsync(c, $"/api/v2/album/{Seg(albumKey)}!highlightimage", ct);

    /// <summary>A folder's (or album's) highlight image found through the node's own Uris; null when it has none.</summary>
    public async Task<SmugMugImage?> GetNodeHighlightAsync(OAuthCredentials c, string nodeId, CancellationToken ct)
    {
        var r = await GetAsync(c, $"/api/v2/node/{Seg(nodeId)}", [("_filteruri", "HighlightImage")], ct);
        var uri = Required(r).UriOf("HighlightImage");
        return uri is null ? null : await OptionalImageAsync(c, uri, ct);
    }

    private async Task<SmugMugImage?> OptionalImageAsync(OAuthCredentials c, string path, CancellationToken ct)
    {
        try
        {
            var r = await GetAsync(c, path, [("_filter", ImageFields), ("_expand", "ImageSizeDetails")], ct);
            return r.Single is { } e ? SmugMugImage.Parse(e, r) : null;
        }
        catch (SmugMugApiException e) when (e.Kind == SmugMugErrorKind.NotFound)
        {
            return null;
        }
    }

    // ---- Writes (need Permissions=Modify) --------------------------------------------------------------------------

    /// <summary>
    /// Creates an album in a folder with a signed JSON <c>POST</c> on the folder's <c>!albums</c>. A clash of
    /// <paramref name="urlName"/> with an existing album answers 409.
    /// </summary>
    public async Task<SmugMugAlbum> CreateAlbumAsync(OAuthCredentials c, string nickName, string? folderUrlPath, string name, string urlName, string privacy, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["Name"] = name, ["UrlName"] = urlName, ["Privacy"] = privacy });
        return SmugMugAlbum.Parse(Required(await SendJsonAsync(c, HttpMethod.Post, FolderAlbumsPath(nickName, folderUrlPath), body, ct)));
    }

    /// <summary>The albums directly in a folder (to find an album a lost answer already created).</summary>
    public Task<List<SmugMugAlbum>> GetFolderAlbumsAsync(OAuthCredentials c, string nickName, string? folderUrlPath, CancellationToken ct) =>
        GetAllAsync(c, FolderAlbumsPath(nickName, folderUrlPath), [("_filter", AlbumFields)], (e, _) => SmugMugAlbum.Parse(e), a => a.AlbumKey, ct);

    /// <summary>
    /// Adds existing images to an album without uploading them again: <c>POST album/KEY!collectimages</c> with the
    /// image URIs comma-separated in a JSON body (SmugMug refuses them in the query string).
    /// </summary>
    public async Task CollectImagesAsync(OAuthCredentials c, string albumKey, IReadOnlyCollection<string> imageUris, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["CollectUris"] = string.Join(',', imageUris) });
        await SendJsonAsync(c, HttpMethod.Post, $"/api/v2/album/{Seg(albumKey)}!collectimages", body, ct);
    }

    /// <summary>Only an image's text fields and LastUpdated: what a write-back compares and keeps for undo.</summary>
    public async Task<SmugMugImage> GetImageTextAsync(OAuthCredentials c, string imageKey, CancellationToken ct) =>
        SmugMugImage.Parse(Required(await GetAsync(c, $"/api/v2/image/{Seg(imageKey)}", [("_filter", ImageTextFields)], ct)));

    /// <summary>
    /// Changes an image's Caption, Keywords and/or Title with a signed <c>PATCH</c> on the image resource and a JSON
    /// body (null fields are left out, so they stay as they are); keywords go as SmugMug's <c>"a; b"</c> string.
    /// Answers the updated Image, whose LastUpdated has moved.
    /// </summary>
    public async Task<SmugMugImage> PatchImageAsync(OAuthCredentials c, string imageKey, string? caption, IReadOnlyList<string>? keywords, string? title, CancellationToken ct)
    {
        var fields = new Dictionary<string, string>();
        if (caption is not null)
        {
            fields["Caption"] = caption;
        }
        if (keywords is not null)
        {
            fields["Keywords"] = string.Join("; ", keywords);
        }
        if (title is not null)
        {
            fields["Title"] = title;
        }
        var r = await SendJsonAsync(c, HttpMethod.Patch, $"/api/v2/image/{Seg(imageKey)}", JsonSerializer.Serialize(fields), ct);
        return SmugMugImage.Parse(Required(r), r);
    }

    private static string FolderAlbumsPath(string nickName, string? folderUrlPath)
    {
        var path = (folderUrlPath ?? "").Trim('/');
        var segments = path.Length == 0 ? "" : "/" + string.Join('/', path.Split('/').Select(Seg));
        return $"/api/v2/folder/user/{Seg(nickName)}{segments}!albums";
    }

    private async Task<SmugMugResponse> SendJsonAsync(OAuthCredentials c, HttpMethod method, string path, string json, CancellationToken ct)
    {
        // A JSON body is not part of the OAuth signature (only form bodies are).
        var body = await transport.SendAsync(method, BuildUri(path, []), c, ct, null, () => new StringContent(json, Encoding.UTF8, "application/json"));
        try
        {
            using var doc = JsonDocument.Parse(body);
            return new SmugMugResponse(doc.RootElement.Clone());
        }
        catch (JsonException e)
        {
            throw new SmugMugApiException(SmugMugErrorKind.BadResponse, "SmugMug answered with invalid JSON.", null, null, e);
        }
    }

    // ---- Plumbing -----------------------------------------------------------------------------------------------

    private async Task<List<T>> GetAllAsync<T>(OAuthCredentials c, string path, (string, string)[] query,
        Func<JsonElement, SmugMugResponse, T> parse, Func<T, string> key, CancellationToken ct)
    {
        var first = await GetAsync(c, path, [.. query, ("start", "1"), ("count", Num(PageSize))], ct);
        var pages = new List<SmugMugResponse> { first };
        if (first.HasNextPage)
        {
            var total = first.Total ?? 0;
            var starts = new List<int>();
            for (var s = first.NextStart; s <= total; s += PageSize)
            {
                starts.Add(s);
            }
            pages.AddRange(await Task.WhenAll(starts.Select(s => GetAsync(c, path, [.. query, ("start", Num(s)), ("count", Num(PageSize))], ct))));
            // The total can grow while we page (someone uploads); keep following NextPage from the last page.
            var last = pages[^1];
            while (last.HasNextPage)
            {
                last = await GetAsync(c, path, [.. query, ("start", Num(last.NextStart)), ("count", Num(PageSize))], ct);
                pages.Add(last);
            }
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<T>();
        foreach (var page in pages)
        {
            foreach (var item in page.Items)
            {
                var value = parse(item, page);
                if (seen.Add(key(value)))
                {
                    result.Add(value);
                }
            }
        }
        return result;
    }

    private async Task<SmugMugResponse> GetAsync(OAuthCredentials c, string path, (string Name, string Value)[] query, CancellationToken ct)
    {
        var body = await transport.SendAsync(HttpMethod.Get, BuildUri(path, query), c, ct);
        try
        {
            using var doc = JsonDocument.Parse(body);
            return new SmugMugResponse(doc.RootElement.Clone());
        }
        catch (JsonException e)
        {
            throw new SmugMugApiException(SmugMugErrorKind.BadResponse, "SmugMug answered with invalid JSON.", null, null, e);
        }
    }

    /// <summary>
    /// Object URIs come back as <c>/api/v2/...</c>; they are resolved against the configured API base so a test
    /// double (or a proxy) works. Repeated parameters (two _filter) are merged with commas, encoded as %2C.
    /// </summary>
    internal Uri BuildUri(string path, (string Name, string Value)[] query)
    {
        var apiBase = Options.ApiBaseUrl.TrimEnd('/');
        const string ApiRoot = "/api/v2";
        string url;
        if (path.StartsWith(ApiRoot, StringComparison.Ordinal))
        {
            var root = apiBase.EndsWith(ApiRoot, StringComparison.Ordinal) ? apiBase[..^ApiRoot.Length] : apiBase;
            url = root + path;
        }
        else
        {
            url = apiBase + (path.StartsWith('!') || path.StartsWith('/') ? path : "/" + path);
        }
        var merged = query.GroupBy(p => p.Name, StringComparer.Ordinal).Select(g => (g.Key, string.Join(',', g.Select(p => p.Value))));
        var sb = new StringBuilder(url);
        var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        foreach (var (name, value) in merged)
        {
            sb.Append(separator).Append(OAuthSigner.Encode(name)).Append('=').Append(OAuthSigner.Encode(value));
            separator = '&';
        }
        return new Uri(sb.ToString());
    }

    private static JsonElement Required(SmugMugResponse r) =>
        r.Single ?? throw new SmugMugApiException(SmugMugErrorKind.BadResponse, $"SmugMug answered without a {r.Locator} object.");

    private static string Seg(string id) => Uri.EscapeDataString(id);

    private static string Num(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
