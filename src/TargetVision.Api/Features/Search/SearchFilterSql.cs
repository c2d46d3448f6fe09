using Npgsql;
using NpgsqlTypes;

namespace TargetVision.Api.Features.Search;

/// <summary>
/// SEAM (filters): the WHERE fragment of every search mode, over search_documents <c>d</c> alone: the document carries
/// the filter columns (album, folder, capture date, media, description state, keywords), so a signal checks a candidate
/// without joining photos or albums, and a deleted photo has no document. Only the predicates a request uses are
/// emitted, so the planner sees (and estimates) just those. When the Library's PhotoScope lands, this is the one place
/// that translates it.
/// </summary>
public static class SearchFilterSql
{
    public static string Build(SearchFilters filters, List<NpgsqlParameter> parameters)
    {
        var predicates = new List<string>();
        if (filters.AlbumKeys.Count > 0)
        {
            predicates.Add("d.album_key = ANY (@f_albums)");
            parameters.Add(new NpgsqlParameter("f_albums", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = filters.AlbumKeys.ToArray() });
        }
        if (filters.Folder is { } folder)
        {
            // The folder itself and every folder below it ("Travel" covers "Travel / Vermont").
            predicates.Add("(d.folder_path = @f_folder OR d.folder_path LIKE @f_folder_below)");
            parameters.Add(new NpgsqlParameter("f_folder", folder));
            parameters.Add(new NpgsqlParameter("f_folder_below", EscapeLike(folder) + " / %"));
        }
        if (filters.From is { } from)
        {
            predicates.Add("d.captured_at >= @f_from");
            parameters.Add(new NpgsqlParameter("f_from", NpgsqlDbType.TimestampTz) { Value = from });
        }
        if (filters.ToExclusive is { } to)
        {
            predicates.Add("d.captured_at < @f_to");
            parameters.Add(new NpgsqlParameter("f_to", NpgsqlDbType.TimestampTz) { Value = to });
        }
        if (filters.Status is { } status)
        {
            // The status changes all the time while describing, so it stays on photos and is not copied.
            predicates.Add("EXISTS (SELECT 1 FROM photos ps WHERE ps.id = d.photo_id AND ps.status = @f_status)");
            parameters.Add(new NpgsqlParameter("f_status", StoredStatus(status)));
        }
        if (filters.Approved is { } approved)
        {
            predicates.Add(approved ? "d.approved" : "NOT d.approved");
        }
        if (filters.HasDescription is { } has)
        {
            predicates.Add(has ? "d.has_description" : "NOT d.has_description");
        }
        if (filters.Keywords.Count > 0)
        {
            // Keywords are stored folded and lower-cased; fold the requested ones the same way in SQL.
            predicates.Add(filters.KeywordMode == KeywordMode.All
                ? "d.keywords @> ARRAY(SELECT lower(unaccent(k)) FROM unnest(@f_keywords) k)"
                : "d.keywords && ARRAY(SELECT lower(unaccent(k)) FROM unnest(@f_keywords) k)");
            parameters.Add(new NpgsqlParameter("f_keywords", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = filters.Keywords.ToArray() });
        }
        if (filters.Media is { } media)
        {
            predicates.Add(media == MediaKind.Video ? "d.is_video" : "NOT d.is_video");
        }
        return predicates.Count == 0 ? "true" : string.Join(" AND ", predicates);
    }

    /// <summary>photos.status holds the enum name ("NotProcessed"); the API speaks snake_case ("not_processed").</summary>
    private static string StoredStatus(string snake) =>
        string.Concat(snake.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    private static string EscapeLike(string value) =>
        value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
