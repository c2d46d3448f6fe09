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
    /// <summary>
    /// The WHERE fragments of one statement (its parameters are added once): <see cref="Documents"/> over
    /// search_documents <c>d</c> alone, and for the vector signals the same filters split into what the embedding rows
    /// <c>e</c> carry themselves (capture date, photo/video, not deleted; migration 20261209100000) and the rest, which
    /// still needs the document (<c>null</c> when nothing does, and then a vector scan joins nothing).
    /// <see cref="DateRange"/>: a capture date bound is among the carried filters, so the embedding rows it keeps can be
    /// read as a range of the <c>(model, captured_at)</c> index.
    /// </summary>
    public sealed record Fragments(string Documents, string Carried, string? Rest, bool DateRange);

    public static Fragments Build(SearchFilters filters, List<NpgsqlParameter> parameters)
    {
        var predicates = new List<string>();
        var carried = new List<string> { "e.live" };
        var rest = new List<string>();
        // A filter the embedding rows do not carry: on the document in both forms.
        void Document(string predicate)
        {
            predicates.Add(predicate);
            rest.Add(predicate);
        }
        // A filter on a carried column: on the document for text and browsing, on the embedding row for vectors.
        void Carried(string onDocument, string onEmbedding)
        {
            predicates.Add(onDocument);
            carried.Add(onEmbedding);
        }
        if (filters.AlbumKeys.Count > 0)
        {
            Document("d.album_key = ANY (@f_albums)");
            parameters.Add(new NpgsqlParameter("f_albums", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = filters.AlbumKeys.ToArray() });
        }
        if (filters.Folder is { } folder)
        {
            // The folder itself and every folder below it ("Travel" covers "Travel / Vermont").
            Document("(d.folder_path = @f_folder OR d.folder_path LIKE @f_folder_below)");
            parameters.Add(new NpgsqlParameter("f_folder", folder));
            parameters.Add(new NpgsqlParameter("f_folder_below", EscapeLike(folder) + " / %"));
        }
        if (filters.From is { } from)
        {
            Carried("d.captured_at >= @f_from", "e.captured_at >= @f_from");
            parameters.Add(new NpgsqlParameter("f_from", NpgsqlDbType.TimestampTz) { Value = from });
        }
        if (filters.ToExclusive is { } to)
        {
            Carried("d.captured_at < @f_to", "e.captured_at < @f_to");
            parameters.Add(new NpgsqlParameter("f_to", NpgsqlDbType.TimestampTz) { Value = to });
        }
        if (filters.Status is { } status)
        {
            // The status changes all the time while describing, so it stays on photos and is not copied.
            Document("EXISTS (SELECT 1 FROM photos ps WHERE ps.id = d.photo_id AND ps.status = @f_status)");
            parameters.Add(new NpgsqlParameter("f_status", StoredStatus(status)));
        }
        if (filters.Approved is { } approved)
        {
            Document(approved ? "d.approved" : "NOT d.approved");
        }
        if (filters.HasDescription is { } has)
        {
            Document(has ? "d.has_description" : "NOT d.has_description");
        }
        if (filters.Keywords.Count > 0)
        {
            // Keywords are stored folded and lower-cased; fold the requested ones the same way in SQL.
            Document(filters.KeywordMode == KeywordMode.All
                ? "d.keywords @> ARRAY(SELECT lower(unaccent(k)) FROM unnest(@f_keywords) k)"
                : "d.keywords && ARRAY(SELECT lower(unaccent(k)) FROM unnest(@f_keywords) k)");
            parameters.Add(new NpgsqlParameter("f_keywords", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = filters.Keywords.ToArray() });
        }
        if (filters.Media is { } media)
        {
            Carried(media == MediaKind.Video ? "d.is_video" : "NOT d.is_video", media == MediaKind.Video ? "e.is_video" : "NOT e.is_video");
        }
        return new Fragments(
            predicates.Count == 0 ? "true" : string.Join(" AND ", predicates),
            string.Join(" AND ", carried),
            rest.Count == 0 ? null : string.Join(" AND ", rest),
            filters.From is not null || filters.ToExclusive is not null);
    }

    /// <summary>photos.status holds the enum name ("NotProcessed"); the API speaks snake_case ("not_processed").</summary>
    private static string StoredStatus(string snake) =>
        string.Concat(snake.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    private static string EscapeLike(string value) =>
        value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
