using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace TargetVision.Api.Features.Search;

/// <summary>A vector signal: a table of (photo_id, model, embedding) and the query embedded in the same space.</summary>
public sealed record VectorSignal(string Name, string Table, string Model, float[] Query, double Weight);

/// <summary>The rows the signal statements returned, column by column, for the fusion statement.</summary>
public sealed class SignalRows
{
    public List<string> Signal { get; } = [];
    public List<int> PhotoId { get; } = [];
    public List<int> Rank { get; } = [];
    public List<double> Score { get; } = [];
    public List<double> Weight { get; } = [];
    public List<DateTimeOffset?> CapturedAt { get; } = [];
    public List<int> AlbumId { get; } = [];

    public void Append(SignalRows other)
    {
        Signal.AddRange(other.Signal);
        PhotoId.AddRange(other.PhotoId);
        Rank.AddRange(other.Rank);
        Score.AddRange(other.Score);
        Weight.AddRange(other.Weight);
        CapturedAt.AddRange(other.CapturedAt);
        AlbumId.AddRange(other.AlbumId);
    }
}

/// <summary>What one search runs: which signals, with which inputs.</summary>
public sealed record SearchPlan(
    SearchQuery Query, bool FullText, IReadOnlyList<string> TypoWords, IReadOnlyList<VectorSignal> Vectors)
{
    public IReadOnlyList<string> ExcludedWords { get; init; } = [];

    public IEnumerable<string> SignalNames =>
        (FullText ? new[] { SearchSql.TextSignal, SearchSql.TypoSignal } : []).Concat(Vectors.Select(v => v.Name));
}

/// <summary>
/// Builds the one SQL statement of a search. Each signal is a CTE of its top candidates (ranked, ties broken by photo
/// id) under the same filters; the fusion is a UNION ALL of the signals grouped by photo, so a signal that is absent
/// adds no rows and drops out of Σ weight / (k + rank) by itself. Facets and the page come from the same statement.
/// </summary>
public static class SearchSql
{
    public const string TextSignal = "text";
    public const string TypoSignal = "typo";
    public const string SemanticSignal = "semantic";
    public const string VisualSignal = "visual";

    // Never in user text (stripped from the source before highlighting), so the segments cannot be forged.
    public const char HitStart = '\u27E6';
    public const char HitEnd = '\u27E7';

    private static readonly string HeadlineOptions =
        $"StartSel=\"{HitStart}\", StopSel=\"{HitEnd}\", MaxWords=28, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"";
    // Highlighting costs a parse of the text per hit: only hits that full text matched have words to show.
    private static readonly string TextMatched = $"[{{\"signal\": \"{TextSignal}\"}}]";
    private static readonly string TitleHeadlineOptions = $"StartSel=\"{HitStart}\", StopSel=\"{HitEnd}\", HighlightAll=true";

    /// <summary>The session settings of a search: vector scans keep going until the filters leave a full list.</summary>
    public static NpgsqlBatchCommand Settings(SearchOptions options) => new(
        "SELECT set_config('hnsw.ef_search', @ef, true), set_config('hnsw.iterative_scan', 'relaxed_order', true), " +
        "set_config('pg_trgm.word_similarity_threshold', @trgm, true)")
    {
        Parameters =
        {
            new NpgsqlParameter("ef", options.EfSearch.ToString(CultureInfo.InvariantCulture)),
            new NpgsqlParameter("trgm", options.TypoSimilarity.ToString(CultureInfo.InvariantCulture)),
        },
    };

    /// <summary>The one statement of a search: every signal as a CTE, the fusion, facets and the page.</summary>
    public static NpgsqlBatchCommand Build(SearchPlan plan, SearchOptions options)
    {
        var parameters = new List<NpgsqlParameter>();
        var sql = new StringBuilder("WITH ");
        if (plan.Query.Text.Length == 0)
        {
            AppendBrowse(sql, plan, parameters);
        }
        else
        {
            var filter = SearchFilterSql.Build(plan.Query.Filters, parameters);
            var selects = new List<string>();
            foreach (var signal in Signals(plan, options))
            {
                foreach (var cte in signal.Ctes(filter, parameters))
                {
                    sql.Append(cte).Append(",\n");
                }
                selects.AddRange(signal.Selects);
            }
            sql.Append($"signals AS ({string.Join("\n    UNION ALL ", selects)}),\n");
            AppendFusion(sql, options, parameters);
        }
        AppendPage(sql, plan, parameters);
        return Command(sql, parameters);
    }

    /// <summary>
    /// The signals of a query as statements of their own (rows: signal, photo_id, rank, score, weight, captured_at,
    /// album_id), so that they can run at the same time on separate connections; <see cref="BuildFused"/> then fuses
    /// their rows.
    /// </summary>
    public static IReadOnlyList<NpgsqlBatchCommand> BuildSignals(SearchPlan plan, SearchOptions options) =>
        Signals(plan, options).Select(signal =>
        {
            var parameters = new List<NpgsqlParameter>();
            var filter = SearchFilterSql.Build(plan.Query.Filters, parameters);
            var sql = new StringBuilder("WITH ").AppendJoin(",\n", signal.Ctes(filter, parameters));
            sql.Append('\n').AppendJoin("\nUNION ALL ", signal.Selects);
            return Command(sql, parameters);
        }).ToList();

    /// <summary>Fusion, facets and the page over the rows the signal statements returned.</summary>
    public static NpgsqlBatchCommand BuildFused(SearchPlan plan, SearchOptions options, SignalRows rows)
    {
        var parameters = new List<NpgsqlParameter>
        {
            new("s_signal", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Signal.ToArray() },
            new("s_photo", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = rows.PhotoId.ToArray() },
            new("s_rank", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = rows.Rank.ToArray() },
            new("s_score", NpgsqlDbType.Array | NpgsqlDbType.Double) { Value = rows.Score.ToArray() },
            new("s_weight", NpgsqlDbType.Array | NpgsqlDbType.Double) { Value = rows.Weight.ToArray() },
            new("s_captured", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = rows.CapturedAt.ToArray() },
            new("s_album", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = rows.AlbumId.ToArray() },
        };
        var sql = new StringBuilder("""
            WITH signals AS (
                SELECT * FROM unnest(@s_signal, @s_photo, @s_rank, @s_score, @s_weight, @s_captured, @s_album)
                    AS s(signal, photo_id, rank, score, weight, captured_at, album_id)),

            """);
        AppendFusion(sql, options, parameters);
        AppendPage(sql, plan, parameters);
        return Command(sql, parameters);
    }

    private static NpgsqlBatchCommand Command(StringBuilder sql, List<NpgsqlParameter> parameters)
    {
        var command = new NpgsqlBatchCommand(sql.ToString());
        command.Parameters.AddRange(parameters.ToArray());
        return command;
    }

    /// <summary>One signal: its CTEs (built with the parameters they need) and the SELECTs of its ranked rows.</summary>
    private sealed record Signal(Func<SearchFilterSql.Fragments, List<NpgsqlParameter>, IReadOnlyList<string>> Ctes, IReadOnlyList<string> Selects);

    private static IEnumerable<Signal> Signals(SearchPlan plan, SearchOptions options)
    {
        if (plan.FullText)
        {
            yield return new Signal((filter, parameters) => FullTextCtes(plan, options, filter, parameters),
            [
                $"SELECT '{TextSignal}'::text AS signal, photo_id, rank, score, @w_text::float8 AS weight, captured_at, album_id FROM fts",
                $"SELECT '{TypoSignal}'::text AS signal, photo_id, rank, score, @w_typo::float8 AS weight, captured_at, album_id FROM typo",
            ]);
        }
        var n = 0;
        foreach (var vector in plan.Vectors)
        {
            var cte = "vec" + n.ToString(CultureInfo.InvariantCulture);
            yield return new Signal((filter, parameters) => VectorCtes(options, vector, cte, filter, parameters),
                [$"SELECT '{vector.Name}'::text AS signal, photo_id, rank, score, @{cte}_w::float8 AS weight, captured_at, album_id FROM {cte}"]);
            n++;
        }
    }

    private static void AppendBrowse(StringBuilder sql, SearchPlan plan, List<NpgsqlParameter> parameters)
    {
        var filter = SearchFilterSql.Build(plan.Query.Filters, parameters).Documents;
        // Browsing by filter: every filtered photo, newest capture first. The page comes straight off the capture
        // date index; total and facets from one aggregate pass over the (covering) filter columns.
        sql.Append($"""
            counts AS MATERIALIZED (
                SELECT extract(year FROM d.captured_at AT TIME ZONE 'UTC')::int AS year, d.album_id, count(*)::int AS count
                FROM search_documents d WHERE {filter} GROUP BY 1, 2),
            page AS (
                SELECT d.photo_id, 0::float8 AS score, '[]'::jsonb AS matched, d.captured_at
                FROM search_documents d WHERE {filter}
                ORDER BY d.captured_at DESC NULLS LAST, d.photo_id DESC LIMIT @limit OFFSET @offset)
            """);
    }

    private static IReadOnlyList<string> FullTextCtes(SearchPlan plan, SearchOptions options, SearchFilterSql.Fragments fragments, List<NpgsqlParameter> parameters)
    {
        var filter = fragments.Documents;
        parameters.Add(new NpgsqlParameter("q_text", plan.Query.Text));
        parameters.Add(new NpgsqlParameter("depth", options.CandidatesPerSignal));
        parameters.Add(new NpgsqlParameter("typo_words", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = plan.TypoWords.ToArray() });
        parameters.Add(new NpgsqlParameter("typo_below", options.TypoFallbackBelow));
        if (plan.ExcludedWords.Count > 0)
        {
            // A guess must not bring back what the query excluded ("bird -snow").
            parameters.Add(new NpgsqlParameter("typo_exclude", string.Join(" or ", plan.ExcludedWords)));
        }
        parameters.Add(new NpgsqlParameter("w_text", options.Weights.Text));
        parameters.Add(new NpgsqlParameter("w_typo", options.Weights.Typo));
        return
        [
            $"""
            fts AS MATERIALIZED (
                SELECT s.photo_id, (row_number() OVER (ORDER BY s.score DESC, s.photo_id))::int AS rank, s.score, s.captured_at, s.album_id
                FROM (SELECT d.photo_id, ts_rank(d.document, websearch_to_tsquery('tv_search', @q_text), 1)::float8 AS score, d.captured_at, d.album_id
                      FROM search_documents d
                      WHERE d.document @@ websearch_to_tsquery('tv_search', @q_text) AND {filter}
                      ORDER BY score DESC, d.photo_id LIMIT @depth) s)
            """,
            // Typo fallback: only for words the library does not contain (a known word that finds little is not a
            // typo). Each is corrected against the vocabulary of titles, keywords and album names (its closest few
            // words), and the corrections are looked up in the full-text index on those fields.
            $"""
            typo AS MATERIALIZED (
                SELECT s.photo_id, (row_number() OVER (ORDER BY s.score DESC, s.photo_id))::int AS rank, s.score, s.captured_at, s.album_id
                FROM (SELECT d.photo_id, sum(f.similarity)::float8 AS score, d.captured_at, d.album_id
                      FROM (SELECT v.word AS fix, word_similarity(w.word, v.word) AS similarity,
                                   row_number() OVER (PARTITION BY w.word ORDER BY word_similarity(w.word, v.word) DESC, v.word) AS closeness
                            FROM (SELECT DISTINCT lower(unaccent(x)) AS word FROM unnest(@typo_words) x
                                  WHERE length(to_tsvector('tv_search', x)) > 0
                                    AND NOT EXISTS (SELECT 1 FROM search_documents k WHERE k.document @@ plainto_tsquery('tv_search', x))) w
                            JOIN search_words v ON w.word <% v.word
                            WHERE (SELECT count(*) FROM fts) < @typo_below) f
                      JOIN search_documents d ON d.document @@ to_tsquery('tv_search', f.fix || ':ABD')
                      WHERE f.closeness <= 5 AND {filter}{(plan.ExcludedWords.Count > 0 ? " AND NOT d.document @@ websearch_to_tsquery('tv_search', @typo_exclude)" : "")}
                      GROUP BY d.photo_id, d.captured_at, d.album_id
                      ORDER BY score DESC, d.photo_id LIMIT @depth) s)
            """,
        ];
    }

    /// <summary>
    /// One vector signal's candidates on their own (the benchmark measures them against an exact scan): its CTEs and
    /// its rows, nearest first, with their cosine distance.
    /// </summary>
    public static NpgsqlBatchCommand VectorCandidates(SearchOptions options, VectorSignal vector, SearchFilters filters)
    {
        var parameters = new List<NpgsqlParameter>();
        var fragments = SearchFilterSql.Build(filters, parameters);
        var sql = new StringBuilder("WITH ").AppendJoin(",\n", VectorCtes(options, vector, "vec0", fragments, parameters))
            .Append("\nSELECT photo_id, 1 - score AS distance FROM vec0 ORDER BY rank");
        return Command(sql, parameters);
    }

    private static IReadOnlyList<string> VectorCtes(SearchOptions options, VectorSignal vector, string cte, SearchFilterSql.Fragments filter, List<NpgsqlParameter> parameters)
    {
        parameters.Add(new NpgsqlParameter($"{cte}_v", new Vector(vector.Query)));
        parameters.Add(new NpgsqlParameter($"{cte}_model", vector.Model));
        parameters.Add(new NpgsqlParameter($"{cte}_w", vector.Weight));
        parameters.Add(new NpgsqlParameter($"{cte}_depth", options.VectorCandidates));
        parameters.Add(new NpgsqlParameter($"{cte}_max_distance", 1 - options.SemanticMinSimilarity));
        // The inner ORDER BY … LIMIT is what the HNSW index serves (iteratively, when filters discard candidates); relaxed
        // order means the outer query re-sorts by the exact distance. The filters the embedding row carries are checked
        // on the row the scan fetches anyway; only other filters join the document (an index-only lookup per
        // candidate). A selective filter makes the planner scan the filtered rows exactly.
        if (filter.Rest is null && filter.DateRange && options.QuantizedScanBelow > 0)
        {
            return QuantizedOrGraph(options, vector, cte, filter, parameters);
        }
        var join = filter.Rest is null ? "" : "JOIN search_documents d ON d.photo_id = e.photo_id";
        var rest = filter.Rest is null ? "" : " AND " + filter.Rest;
        return [$"""
            {cte} AS MATERIALIZED (
                SELECT s.photo_id, (row_number() OVER (ORDER BY s.distance, s.photo_id))::int AS rank, (1 - s.distance)::float8 AS score, s.captured_at, s.album_id
                FROM (SELECT e.photo_id, e.embedding <=> @{cte}_v AS distance, e.captured_at, e.album_id
                      FROM {vector.Table} e {join}
                      WHERE e.model = @{cte}_model AND {filter.Carried}{rest}
                      ORDER BY e.embedding <=> @{cte}_v LIMIT @{cte}_depth) s
                WHERE s.distance <= @{cte}_max_distance)
            """];
    }

    /// <summary>
    /// A vector signal under a date range that keeps few embedding rows. Walking the HNSW graph costs about depth ÷ the
    /// filter's share of the library candidates (≈ 1,000 for a tenth: 8–9 ms at 100k), while the rows of the range are
    /// one contiguous stretch of the <c>(model, captured_at)</c> index, which also holds each row's binary-quantised
    /// vector: ranking them by Hamming distance reads no table page, and only the closest few hundred are re-ranked by
    /// exact cosine distance (for the same tenth 8 ms with a steady tail: semantic p95 12 ms instead of 16, and hybrid
    /// p95 23 instead of 27). Which way to go is decided in the statement: a capped count of the range's rows (an
    /// index-only scan) gates one branch or the other, and only that one runs.
    /// </summary>
    private static IReadOnlyList<string> QuantizedOrGraph(SearchOptions options, VectorSignal vector, string cte, SearchFilterSql.Fragments filter, List<NpgsqlParameter> parameters)
    {
        parameters.Add(new NpgsqlParameter($"{cte}_below", options.QuantizedScanBelow));
        parameters.Add(new NpgsqlParameter($"{cte}_rerank", options.VectorCandidates * options.QuantizedOversampling));
        return
        [
            $"""
            {cte}_rows AS MATERIALIZED (
                SELECT count(*) AS n FROM (SELECT 1 FROM {vector.Table} e WHERE e.model = @{cte}_model AND {filter.Carried} LIMIT @{cte}_below) r)
            """,
            $"""
            {cte} AS MATERIALIZED (
                SELECT s.photo_id, (row_number() OVER (ORDER BY s.distance, s.photo_id))::int AS rank, (1 - s.distance)::float8 AS score, s.captured_at, s.album_id
                FROM ((SELECT e.photo_id, e.embedding <=> @{cte}_v AS distance, e.captured_at, e.album_id
                       FROM {vector.Table} e
                       WHERE e.model = @{cte}_model AND {filter.Carried} AND (SELECT n FROM {cte}_rows) >= @{cte}_below
                       ORDER BY e.embedding <=> @{cte}_v LIMIT @{cte}_depth)
                      UNION ALL
                      (SELECT x.photo_id, x.embedding <=> @{cte}_v AS distance, x.captured_at, x.album_id
                       FROM (SELECT e.photo_id FROM {vector.Table} e
                             WHERE e.model = @{cte}_model AND {filter.Carried} AND (SELECT n FROM {cte}_rows) < @{cte}_below
                             ORDER BY e.embedding_bits <~> binary_quantize(@{cte}_v), e.photo_id LIMIT @{cte}_rerank) q
                       JOIN {vector.Table} x ON x.photo_id = q.photo_id AND x.model = @{cte}_model
                       ORDER BY 2, 1 LIMIT @{cte}_depth)) s
                WHERE s.distance <= @{cte}_max_distance)
            """,
        ];
    }

    private static void AppendFusion(StringBuilder sql, SearchOptions options, List<NpgsqlParameter> parameters)
    {
        parameters.Add(new NpgsqlParameter("k", (double)options.RrfK));
        sql.Append("""
            fused AS MATERIALIZED (
                SELECT photo_id, sum(weight / (@k + rank)) AS score,
                       jsonb_agg(jsonb_build_object('signal', signal, 'rank', rank, 'score', round(score::numeric, 4))
                                 ORDER BY weight / (@k + rank) DESC, signal) AS matched,
                       min(captured_at) AS captured_at, min(album_id) AS album_id
                FROM signals GROUP BY photo_id),
            counts AS MATERIALIZED (
                SELECT extract(year FROM captured_at AT TIME ZONE 'UTC')::int AS year, album_id, count(*)::int AS count
                FROM fused GROUP BY 1, 2),
            page AS (SELECT * FROM fused ORDER BY score DESC, photo_id LIMIT @limit OFFSET @offset)
            """);
    }

    private static void AppendPage(StringBuilder sql, SearchPlan plan, List<NpgsqlParameter> parameters)
    {
        var hasText = plan.Query.Text.Length > 0;
        if (hasText)
        {
            parameters.Add(new NpgsqlParameter("q", plan.Query.Text));
        }
        var snippets = hasText
            ? $"""
                CASE WHEN pg.matched @> '{TextMatched}' THEN
                    ts_headline('tv_search', translate(coalesce(c.description, p.caption, ''), '{HitStart}{HitEnd}', ''),
                                websearch_to_tsquery('tv_search', @q), '{HeadlineOptions}') END AS description_snippet,
                CASE WHEN to_tsvector('tv_search', coalesce(p.title, '')) @@ websearch_to_tsquery('tv_search', @q)
                     THEN ts_headline('tv_search', translate(p.title, '{HitStart}{HitEnd}', ''),
                                      websearch_to_tsquery('tv_search', @q), '{TitleHeadlineOptions}') END AS title_snippet
                """
            : "NULL::text AS description_snippet, NULL::text AS title_snippet";
        // Only the page's rows are joined to photos and albums, and only they get the description and snippets.
        var description = hasText ? "LEFT JOIN LATERAL search_current_description(p.id) c ON true" : "";
        var pageOrder = hasText ? "h.score DESC, h.photo_id" : "h.captured_at DESC NULLS LAST, h.photo_id DESC";
        sql.Append($"""

            SELECT m.total, m.years, m.albums, h.*
            FROM (SELECT (SELECT coalesce(sum(count), 0)::int FROM counts) AS total,
                         (SELECT coalesce(jsonb_agg(jsonb_build_array(y.year, y.count) ORDER BY y.year DESC), '[]'::jsonb)
                          FROM (SELECT year, sum(count)::int AS count FROM counts WHERE year IS NOT NULL GROUP BY year) y) AS years,
                         (SELECT coalesce(jsonb_agg(jsonb_build_array(x.album_key, x.name, x.count) ORDER BY x.count DESC, x.name, x.album_key), '[]'::jsonb)
                          FROM (SELECT a.album_key, a.name, sum(f.count)::int AS count
                                FROM (SELECT album_id, sum(count) AS count FROM counts GROUP BY album_id) f JOIN albums a ON a.id = f.album_id
                                GROUP BY a.album_key, a.name ORDER BY count DESC, a.name, a.album_key LIMIT 20) x) AS albums) m
            LEFT JOIN LATERAL (
                SELECT pg.photo_id, pg.score, pg.matched, p.image_key, p.title, p.file_name, p.caption, p.width, p.height,
                       p.captured_at, p.status, p.status_error, p.is_video, a.album_key, a.name AS album_name,
                       {snippets}
                FROM page pg JOIN photos p ON p.id = pg.photo_id JOIN albums a ON a.id = p.album_id
                {description}) h ON true
            ORDER BY {pageOrder}
            """);
        parameters.Add(new NpgsqlParameter("limit", plan.Query.Paging.PageSize));
        parameters.Add(new NpgsqlParameter("offset", plan.Query.Paging.Skip));
    }
}
