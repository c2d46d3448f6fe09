using System.Text.Json;
using Npgsql;

namespace TargetVision.Api.Features.Search;

/// <summary>
/// A photo as agents see it (the chat's tool, the MCP server): the photo card fields of the library listing, so the
/// shared grid renders it unchanged, plus what a model needs to judge it — every keyword and the current
/// description.
/// </summary>
public sealed record PhotoRecord(
    int PhotoId, string ImageKey, string? Title, string? FileName, string? Caption, int? Width, int? Height,
    DateTimeOffset? CapturedAt, string Status, string? StatusError, string ThumbnailUrl, bool InCollection,
    string AlbumKey, string AlbumName, string FolderPath, bool IsVideo,
    IReadOnlyList<string> Keywords, string? Description, bool Approved);

/// <summary>One search's photos in rank order, and how many matched in all.</summary>
public sealed record PhotoFinderResult(IReadOnlyList<PhotoRecord> Photos, int Total, IReadOnlyList<string> Signals);

/// <summary>
/// The read-only search other features expose to agents: the one search service, then the found photos' full
/// records in rank order. Nothing here writes.
/// </summary>
public sealed class PhotoFinder(SearchService search, NpgsqlDataSource dataSource)
{
    public bool VisualAvailable => search.VisualAvailable;

    public async Task<PhotoFinderResult> SearchAsync(SearchQuery query, CancellationToken ct)
    {
        var (response, _) = await search.SearchAsync(query, ct);
        var records = await GetAsync([.. response.Items.Select(h => h.PhotoId)], ct);
        return new PhotoFinderResult(records, response.Total, response.Signals);
    }

    /// <summary>The records of <paramref name="ids"/> in that order; unknown and deleted photos are left out.</summary>
    public async Task<IReadOnlyList<PhotoRecord>> GetAsync(IReadOnlyList<int> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        await using var command = dataSource.CreateCommand("""
            SELECT p.id, p.image_key, p.title, p.file_name, p.caption, p.width, p.height, p.captured_at, p.status,
                   p.status_error, a.album_key, a.name, a.folder_path, p.is_video,
                   ARRAY(SELECT DISTINCT k FROM unnest(p.keywords || coalesce(c.keywords, '{}')) k WHERE btrim(k) <> '' ORDER BY 1),
                   c.description, coalesce(c.approved, false)
            FROM photos p
            JOIN albums a ON a.id = p.album_id
            LEFT JOIN LATERAL search_current_description(p.id) c ON true
            WHERE p.id = ANY (@ids) AND p.deleted_at IS NULL
            """);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        var found = new Dictionary<int, PhotoRecord>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
                int? Int(int i) => reader.IsDBNull(i) ? null : reader.GetInt32(i);
                var id = reader.GetInt32(0);
                found[id] = new PhotoRecord(
                    id, reader.GetString(1), Text(2), Text(3), Text(4), Int(5), Int(6),
                    reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                    JsonNamingPolicy.SnakeCaseLower.ConvertName(reader.GetString(8)), Text(9), $"/api/photos/{id}/thumbnail",
                    InCollection: false, reader.GetString(10), reader.GetString(11), reader.GetString(12), reader.GetBoolean(13),
                    reader.GetFieldValue<string[]>(14), Text(15), reader.GetBoolean(16));
            }
        }
        return [.. ids.Distinct().Where(found.ContainsKey).Select(id => found[id])];
    }

    /// <summary>What the library has most of: keywords, albums (by photo count) and capture years.</summary>
    public async Task<LibraryHighlights> HighlightsAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT
              ARRAY(SELECT k FROM search_documents s JOIN photos p ON p.id = s.photo_id AND p.deleted_at IS NULL, unnest(s.keywords) k
                    GROUP BY k ORDER BY count(*) DESC, k LIMIT 8),
              ARRAY(SELECT a.name FROM albums a JOIN photos p ON p.album_id = a.id AND p.deleted_at IS NULL
                    WHERE a.deleted_at IS NULL GROUP BY a.id, a.name ORDER BY count(*) DESC, a.name LIMIT 5),
              ARRAY(SELECT extract(year FROM p.captured_at)::int FROM photos p WHERE p.deleted_at IS NULL AND p.captured_at IS NOT NULL
                    GROUP BY 1 ORDER BY count(*) DESC, 1 DESC LIMIT 3)
            """);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new LibraryHighlights(reader.GetFieldValue<string[]>(0), reader.GetFieldValue<string[]>(1), reader.GetFieldValue<int[]>(2));
    }
}

public sealed record LibraryHighlights(IReadOnlyList<string> Keywords, IReadOnlyList<string> Albums, IReadOnlyList<int> Years);
