using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace TargetVision.Api.Features.Search;

/// <summary>
/// SEAM (filters): the WHERE fragment of every search mode, over photos <c>p</c>, albums <c>a</c> and
/// search_documents <c>d</c>. Only the predicates a request uses are emitted, so the planner sees (and estimates) just
/// those. When the Library's PhotoScope lands, this is the one place that translates it.
/// </summary>
public static class SearchFilterSql
{
    public static string Build(SearchFilters filters, List<NpgsqlParameter> parameters)
    {
        var sql = new StringBuilder("p.deleted_at IS NULL");
        if (filters.AlbumKeys.Count > 0)
        {
            sql.Append(" AND a.album_key = ANY (@f_albums)");
            parameters.Add(new NpgsqlParameter("f_albums", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = filters.AlbumKeys.ToArray() });
        }
        if (filters.Folder is { } folder)
        {
            // The folder itself and every folder below it ("Travel" covers "Travel / Vermont").
            sql.Append(" AND (a.folder_path = @f_folder OR a.folder_path LIKE @f_folder_below)");
            parameters.Add(new NpgsqlParameter("f_folder", folder));
            parameters.Add(new NpgsqlParameter("f_folder_below", EscapeLike(folder) + " / %"));
        }
        if (filters.From is { } from)
        {
            sql.Append(" AND p.captured_at >= @f_from");
            parameters.Add(new NpgsqlParameter("f_from", NpgsqlDbType.TimestampTz) { Value = from });
        }
        if (filters.ToExclusive is { } to)
        {
            sql.Append(" AND p.captured_at < @f_to");
            parameters.Add(new NpgsqlParameter("f_to", NpgsqlDbType.TimestampTz) { Value = to });
        }
        if (filters.Status is { } status)
        {
            sql.Append(" AND p.status = @f_status");
            parameters.Add(new NpgsqlParameter("f_status", StoredStatus(status)));
        }
        if (filters.Approved is { } approved)
        {
            sql.Append(approved ? " AND d.approved" : " AND NOT d.approved");
        }
        if (filters.HasDescription is { } has)
        {
            sql.Append(has ? " AND d.has_description" : " AND NOT d.has_description");
        }
        if (filters.Keywords.Count > 0)
        {
            // Keywords are stored folded and lower-cased; fold the requested ones the same way in SQL.
            sql.Append(filters.KeywordMode == KeywordMode.All
                ? " AND d.keywords @> ARRAY(SELECT lower(unaccent(k)) FROM unnest(@f_keywords) k)"
                : " AND d.keywords && ARRAY(SELECT lower(unaccent(k)) FROM unnest(@f_keywords) k)");
            parameters.Add(new NpgsqlParameter("f_keywords", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = filters.Keywords.ToArray() });
        }
        if (filters.Media is { } media)
        {
            sql.Append(media == MediaKind.Video ? " AND p.is_video" : " AND NOT p.is_video");
        }
        return sql.ToString();
    }

    /// <summary>photos.status holds the enum name ("NotProcessed"); the API speaks snake_case ("not_processed").</summary>
    private static string StoredStatus(string snake) =>
        string.Concat(snake.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    private static string EscapeLike(string value) =>
        value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
