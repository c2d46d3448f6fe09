using System.ComponentModel;
using System.Globalization;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using TargetVision.Api.Features.Search;

namespace TargetVision.Api.Features.Mcp;

/// <summary>
/// The library for other agents: the same read-only search the chat uses, and one photo's details. Nothing here
/// writes. Thumbnail links point at /mcp/photos/{id}/thumbnail, which takes the same bearer token.
/// </summary>
[McpServerToolType]
public sealed class McpPhotoTools(PhotoFinder finder, IHttpContextAccessor http)
{
    [McpServerTool(Name = "search_photos", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false)]
    [Description("Search the photographer's photo library by words or meaning, with optional filters. Returns photos with id, title, album, date, keywords, a description excerpt and a thumbnail link.")]
    public async Task<object> SearchPhotosAsync(
        [Description("What to find: subject, place, season, mood, colours. Empty lists the filtered photos, newest first.")] string query,
        [Description("hybrid (default), text or semantic")] string? mode = null,
        [Description("An album key from earlier results")] string? album = null,
        [Description("A folder path such as 'Travel/Vermont'")] string? folder = null,
        [Description("Captured on or after, yyyy-MM-dd")] string? from = null,
        [Description("Captured on or before, yyyy-MM-dd")] string? to = null,
        [Description("Only photos having all of these keywords")] string[]? keywords = null,
        [Description("Only photos whose description the owner approved")] bool approvedOnly = false,
        [Description("How many photos, 1 to 24 (default 12)")] int limit = 12,
        CancellationToken cancellationToken = default)
    {
        var parameters = new SearchParameters(query, mode, album is { Length: > 0 } ? [album] : null, folder, from, to, null,
            approvedOnly ? "true" : null, keywords, keywords is { Length: > 0 } ? "all" : null, null, null, "1",
            Math.Clamp(limit, 1, 24).ToString(CultureInfo.InvariantCulture));
        if (!parameters.TryValidate(out var search, out var errors) || search.Mode == SearchMode.Visual)
        {
            var problems = errors.Count > 0 ? string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")) : "mode: must be hybrid, text or semantic.";
            throw new McpException("Invalid search: " + problems);
        }
        var found = await finder.SearchAsync(search, cancellationToken);
        return new { query = search.Text, total = found.Total, returned = found.Photos.Count, photos = found.Photos.Select(p => Summary(p, excerpt: 280)) };
    }

    [McpServerTool(Name = "get_photo", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false)]
    [Description("One photo's details by id: title, album, folder, date, keywords, caption, full description, size and a thumbnail link.")]
    public async Task<object> GetPhotoAsync([Description("The photo id from search_photos")] int id, CancellationToken cancellationToken = default)
    {
        var records = await finder.GetAsync([id], cancellationToken);
        var photo = (records.Count > 0 ? records[0] : null)
            ?? throw new McpException($"No photo with id {id}.");
        return Summary(photo, excerpt: null);
    }

    private object Summary(PhotoRecord p, int? excerpt) => new
    {
        id = p.PhotoId,
        title = p.Title ?? p.FileName,
        album = p.AlbumName,
        album_key = p.AlbumKey,
        folder = p.FolderPath,
        date = p.CapturedAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        keywords = p.Keywords,
        caption = p.Caption,
        description = excerpt is { } max && p.Description is { Length: > 0 } d && d.Length > max ? d[..max] + "…" : p.Description,
        approved = p.Approved,
        width = p.Width,
        height = p.Height,
        thumbnail = ThumbnailUrl(p.PhotoId),
    };

    private string ThumbnailUrl(int id)
    {
        var request = http.HttpContext?.Request;
        var root = request is null ? "" : $"{request.Scheme}://{request.Host}{request.PathBase}";
        return $"{root}/mcp/photos/{id}/thumbnail";
    }
}
