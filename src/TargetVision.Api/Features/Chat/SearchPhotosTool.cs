using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using TargetVision.Api.Features.Search;

namespace TargetVision.Api.Features.Chat;

/// <summary>The result of one search_photos call: what the model reads, and the photos behind it.</summary>
public sealed record SearchToolResult(string Text, IReadOnlyList<PhotoRecord> Photos, int Total, SearchQuery? Query, string? Error);

/// <summary>
/// The chat's one tool: a read-only search over the library. Its arguments map onto the search API's own
/// parameters and validation; its result is compact JSON inside a delimiter, which the system prompt declares to be
/// data. JSON escaping turns '&lt;' into \u003C, so no caption can close the delimiter.
/// </summary>
public static class SearchPhotosTool
{
    public const string Name = "search_photos";
    public const int MaxLimit = 24;

    private static readonly JsonElement Schema = JsonDocument.Parse("""
        {
          "type": "object",
          "properties": {
            "query": { "type": "string", "description": "Words or a phrase for what to find: subject, place, season, mood, colours. An empty string lists the filtered photos, newest first." },
            "mode": { "type": "string", "enum": ["hybrid", "text", "semantic"], "description": "hybrid (default) combines exact words and meaning; text matches words only; semantic matches meaning only." },
            "album": { "type": "string", "description": "An album_key from earlier results: search that album only." },
            "folder": { "type": "string", "description": "A folder path such as 'Travel/Vermont' (sub-folders included)." },
            "from": { "type": "string", "description": "Captured on or after this date, yyyy-MM-dd." },
            "to": { "type": "string", "description": "Captured on or before this date, yyyy-MM-dd." },
            "keywords": { "type": "array", "items": { "type": "string" }, "description": "Only photos having all of these keywords." },
            "approved_only": { "type": "boolean", "description": "Only photos whose description the owner approved." },
            "limit": { "type": "integer", "minimum": 1, "maximum": 24, "description": "How many photos to return (default 12, at most 24)." }
          },
          "required": ["query"]
        }
        """).RootElement.Clone();

    public static AITool Declaration { get; } = AIFunctionFactory.CreateDeclaration(
        Name, "Search the photographer's own photo library (read-only). Returns photos with id, title, album, date, keywords and a description excerpt.", Schema);

    /// <summary>Arguments → a validated search query, or the problems to tell the model.</summary>
    public static (SearchQuery? Query, string? Error) Parse(IDictionary<string, object?>? arguments, int defaultLimit)
    {
        var json = JsonSerializer.SerializeToElement(arguments ?? new Dictionary<string, object?>());
        string? Text(string name) => json.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var keywords = json.TryGetProperty("keywords", out var k) && k.ValueKind == JsonValueKind.Array
            ? k.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToArray()
            : null;
        var approved = json.TryGetProperty("approved_only", out var a) && a.ValueKind == JsonValueKind.True ? "true" : null;
        var limit = json.TryGetProperty("limit", out var l) && l.TryGetInt32(out var n) ? Math.Clamp(n, 1, MaxLimit) : defaultLimit;
        var album = Text("album");
        var parameters = new SearchParameters(
            Text("query") ?? "", Text("mode"), album is { Length: > 0 } ? [album] : null, Text("folder"), Text("from"), Text("to"),
            Status: null, approved, keywords, KeywordMode: keywords is { Length: > 0 } ? "all" : null, Media: null, HasDescription: null,
            Page: "1", PageSize: limit.ToString(CultureInfo.InvariantCulture));
        if (parameters.TryValidate(out var query, out var errors))
        {
            return query.Mode == SearchMode.Visual ? (null, "mode: must be hybrid, text or semantic.") : (query, null);
        }
        return (null, string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
    }

    public static async Task<SearchToolResult> RunAsync(PhotoFinder finder, IDictionary<string, object?>? arguments, int defaultLimit, CancellationToken ct)
    {
        var (query, error) = Parse(arguments, defaultLimit);
        if (query is null)
        {
            return new SearchToolResult(Wrap(new { error = "Invalid search: " + error }), [], 0, null, error);
        }
        try
        {
            var found = await finder.SearchAsync(query, ct);
            var photos = found.Photos.Select(Compact).ToList();
            var text = Wrap(new { query = query.Text, total = found.Total, returned = photos.Count, photos });
            return new SearchToolResult(text, found.Photos, found.Total, query, null);
        }
        catch (SignalUnavailableException ex)
        {
            return new SearchToolResult(Wrap(new { error = ex.Message }), [], 0, query, ex.Message);
        }
    }

    /// <summary>What a model needs to judge a photo, kept short: a long description costs tokens on every follow-up.</summary>
    public static object Compact(PhotoRecord p) => new
    {
        id = p.PhotoId,
        title = p.Title ?? p.FileName,
        album = p.AlbumName,
        album_key = p.AlbumKey,
        folder = p.FolderPath.Length > 0 ? p.FolderPath : null,
        date = p.CapturedAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        keywords = p.Keywords.Take(15),
        caption = Excerpt(p.Caption, 160),
        description = Excerpt(p.Description, 280),
        approved = p.Approved,
    };

    private static string? Excerpt(string? text, int max) =>
        text is null ? null : text.Length <= max ? text : text[..max].TrimEnd() + "…";

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public static string Wrap(object payload) =>
        "<search_results>\n" + JsonSerializer.Serialize(payload, Json) + "\n</search_results>";
}
