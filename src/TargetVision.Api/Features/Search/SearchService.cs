using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace TargetVision.Api.Features.Search;

/// <summary>Time spent per stage of one search, for the Server-Timing header.</summary>
public sealed record SearchTimings(double EmbeddingMs, double DatabaseMs);

/// <summary>Thrown when a requested signal cannot run (mode=visual without CLIP, semantic without the model).</summary>
public sealed class SignalUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The one search service: embeds the query once, then SQL does filtering, every signal, the fusion, facets and the
/// page (see <see cref="ExecuteAsync"/>). No photo row is loaded into .NET to be scored or filtered: only each signal's
/// ranked candidate ids pass through, on their way to the fusion statement.
/// </summary>
public sealed partial class SearchService(
    NpgsqlDataSource dataSource, ISearchQueryEmbedder textEmbedder,
    IOptions<SearchOptions> options, ILogger<SearchService> logger, IVisualQueryEmbedder? visualEmbedder = null)
{
    public bool VisualAvailable => visualEmbedder is { Available: true };

    public async Task<(SearchResponse Response, SearchTimings Timings)> SearchAsync(SearchQuery query, CancellationToken ct)
    {
        var settings = options.Value;
        var (plan, embeddingMs) = await PlanAsync(query, settings, ct);
        var watch = Stopwatch.StartNew();
        var response = await ExecuteAsync(plan, settings, ct);
        return (response, new SearchTimings(embeddingMs, watch.Elapsed.TotalMilliseconds));
    }

    /// <summary>
    /// Runs a planned search. With one signal (or none: browsing) that is one statement. With several, each signal is a
    /// statement of its own on its own pooled connection, all at the same time, and one more statement fuses their
    /// ranked candidates, counts the facets and reads the page: the signals are independent index walks, so on a
    /// machine with more than one core a hybrid query costs its slowest signal instead of the sum of them.
    /// </summary>
    public async Task<SearchResponse> ExecuteAsync(SearchPlan plan, SearchOptions settings, CancellationToken ct)
    {
        var signals = plan.Query.Text.Length == 0 ? 0 : (plan.FullText ? 1 : 0) + plan.Vectors.Count;
        NpgsqlBatchCommand statement;
        var fused = signals > 1 && settings.ParallelSignals;
        if (fused)
        {
            var rows = new SignalRows();
            foreach (var part in await Task.WhenAll(SearchSql.BuildSignals(plan, settings).Select(c => RunSignalAsync(c, settings, ct))))
            {
                rows.Append(part);
            }
            statement = SearchSql.BuildFused(plan, settings, rows);
        }
        else
        {
            statement = SearchSql.Build(plan, settings);
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(SearchSql.Settings(settings));
        batch.BatchCommands.Add(statement);
        if (fused)
        {
            // The fusion statement takes only arrays and numbers, so one generic plan fits every query: prepared (once
            // per pooled connection and text variant), it skips 1–2 ms of planning on the path every hybrid query waits
            // for. The signal statements are not prepared: their plans depend on the values (a selective filter is
            // scanned exactly, a tsquery is folded into the plan).
            await batch.PrepareAsync(ct);
        }

        var hits = new List<SearchHit>();
        var total = 0;
        SearchFacets facets = new([], []);
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            await reader.NextResultAsync(ct);
            var first = true;
            while (await reader.ReadAsync(ct))
            {
                if (first)
                {
                    first = false;
                    total = reader.GetInt32(0);
                    facets = ReadFacets(reader.GetString(1), reader.GetString(2));
                }
                if (!reader.IsDBNull(reader.GetOrdinal("photo_id")))
                {
                    hits.Add(ReadHit(reader));
                }
            }
        }
        await transaction.CommitAsync(ct);
        var query = plan.Query;
        return new SearchResponse(hits, query.Paging.Page, query.Paging.PageSize, total,
            query.Mode.ToString().ToLowerInvariant(), query.Text.Length == 0 ? [] : plan.SignalNames.ToList(), facets);
    }

    /// <summary>One signal's ranked candidates, read on a connection of its own (at most CandidatesPerSignal rows).</summary>
    private async Task<SignalRows> RunSignalAsync(NpgsqlBatchCommand statement, SearchOptions settings, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(SearchSql.Settings(settings));
        batch.BatchCommands.Add(statement);
        var rows = new SignalRows();
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows.Signal.Add(reader.GetString(0));
                rows.PhotoId.Add(reader.GetInt32(1));
                rows.Rank.Add(reader.GetInt32(2));
                rows.Score.Add(reader.GetDouble(3));
                rows.Weight.Add(reader.GetDouble(4));
                rows.CapturedAt.Add(reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5));
                rows.AlbumId.Add(reader.GetInt32(6));
            }
        }
        await transaction.CommitAsync(ct);
        return rows;
    }

    /// <summary>Decides the signals of a query and embeds it for the vector ones.</summary>
    public async Task<(SearchPlan Plan, double EmbeddingMs)> PlanAsync(SearchQuery query, SearchOptions settings, CancellationToken ct)
    {
        if (query.Mode == SearchMode.Visual && !VisualAvailable)
        {
            throw new SignalUnavailableException("Visual search is not available: no CLIP model with a text encoder is installed.");
        }
        if (query.Text.Length == 0)
        {
            return (new SearchPlan(query, false, [], []), 0);
        }
        var fullText = query.Mode is SearchMode.Hybrid or SearchMode.Text;
        var vectors = new List<VectorSignal>();
        var watch = Stopwatch.StartNew();
        if (query.Mode is SearchMode.Hybrid or SearchMode.Semantic)
        {
            try
            {
                var vector = await textEmbedder.EmbedAsync(query.Text, ct);
                vectors.Add(new VectorSignal(SearchSql.SemanticSignal, "photo_text_embeddings", textEmbedder.ModelId, vector, settings.Weights.Semantic));
            }
            catch (Exception ex) when (query.Mode == SearchMode.Hybrid && ex is not OperationCanceledException)
            {
                // Hybrid still answers from the other signals; the response's signal list shows what ran.
                LogEmbeddingFailed(logger, ex);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new SignalUnavailableException("Semantic search is not available: the text embedding model failed.", ex);
            }
        }
        if (visualEmbedder is { Available: true } && query.Mode is SearchMode.Hybrid or SearchMode.Visual)
        {
            try
            {
                var vector = await visualEmbedder.EmbedAsync(query.Text, ct);
                vectors.Add(new VectorSignal(SearchSql.VisualSignal, visualEmbedder.Table, visualEmbedder.ModelId, vector, settings.Weights.Visual));
            }
            catch (Exception ex) when (query.Mode == SearchMode.Hybrid && ex is not OperationCanceledException)
            {
                LogVisualEmbeddingFailed(logger, ex);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new SignalUnavailableException("Visual search is not available: the CLIP text encoder failed.", ex);
            }
        }
        var elapsed = vectors.Count > 0 ? watch.Elapsed.TotalMilliseconds : 0;
        var plan = new SearchPlan(query, fullText, TypoWords(query.Text), vectors) { ExcludedWords = ExcludedWords(query.Text) };
        return (plan, elapsed);
    }

    /// <summary>Words worth a fuzzy look: not excluded (-word), not operators; SQL drops stop words and folds accents.</summary>
    public static IReadOnlyList<string> TypoWords(string text) =>
        WordPattern().Matches(text).Select(m => m.Value)
            .Where(w => w.Length >= 3 && !string.Equals(w, "or", StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase).Take(10).ToList();

    /// <summary>The words a query excludes with a leading minus.</summary>
    public static IReadOnlyList<string> ExcludedWords(string text) =>
        ExcludedPattern().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.OrdinalIgnoreCase).Take(10).ToList();

    [GeneratedRegex(@"(?<![-\p{L}\p{N}])[\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])-([\p{L}\p{N}]+)", RegexOptions.CultureInvariant)]
    private static partial Regex ExcludedPattern();

    private static SearchHit ReadHit(NpgsqlDataReader r)
    {
        string? Text(string name) => r.IsDBNull(r.GetOrdinal(name)) ? null : r.GetString(r.GetOrdinal(name));
        int? Int(string name) => r.IsDBNull(r.GetOrdinal(name)) ? null : r.GetInt32(r.GetOrdinal(name));
        var id = r.GetInt32(r.GetOrdinal("photo_id"));
        var matched = JsonSerializer.Deserialize<List<SignalMatch>>(r.GetString(r.GetOrdinal("matched")), JsonOptions) ?? [];
        var snippets = new List<Snippet>();
        if (Text("title_snippet") is { } title)
        {
            snippets.Add(new Snippet("title", Segment(title)));
        }
        if (Text("description_snippet") is { Length: > 0 } description)
        {
            snippets.Add(new Snippet("description", Segment(description)));
        }
        return new SearchHit(
            Text("image_key")!, id, Text("title"), Text("file_name"), Text("caption"), Int("width"), Int("height"),
            r.IsDBNull(r.GetOrdinal("captured_at")) ? null : r.GetFieldValue<DateTimeOffset>(r.GetOrdinal("captured_at")),
            JsonNamingPolicy.SnakeCaseLower.ConvertName(Text("status")!), Text("status_error"), $"/api/photos/{id}/thumbnail",
            InCollection: false, Text("album_key")!, Text("album_name")!, r.GetBoolean(r.GetOrdinal("is_video")),
            Math.Round(r.GetDouble(r.GetOrdinal("score")), 6), matched, snippets);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static SearchFacets ReadFacets(string years, string albums)
    {
        using var y = JsonDocument.Parse(years);
        using var a = JsonDocument.Parse(albums);
        return new SearchFacets(
            y.RootElement.EnumerateArray().Select(e => new YearFacet(e[0].GetInt32(), e[1].GetInt32())).ToList(),
            a.RootElement.EnumerateArray().Select(e => new AlbumFacet(e[0].GetString()!, e[1].GetString()!, e[2].GetInt32())).ToList());
    }

    /// <summary>Splits ts_headline output at its private markers into plain segments.</summary>
    public static IReadOnlyList<SnippetSegment> Segment(string headline)
    {
        var segments = new List<SnippetSegment>();
        var rest = headline.AsSpan();
        while (rest.Length > 0)
        {
            var start = rest.IndexOf(SearchSql.HitStart);
            if (start < 0)
            {
                segments.Add(new SnippetSegment(rest.ToString(), false));
                break;
            }
            if (start > 0)
            {
                segments.Add(new SnippetSegment(rest[..start].ToString(), false));
            }
            rest = rest[(start + 1)..];
            var end = rest.IndexOf(SearchSql.HitEnd);
            var hit = end < 0 ? rest : rest[..end];
            if (hit.Length > 0)
            {
                segments.Add(new SnippetSegment(hit.ToString(), true));
            }
            rest = end < 0 ? [] : rest[(end + 1)..];
        }
        return segments;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Query embedding failed; hybrid search continues without the semantic signal")]
    private static partial void LogEmbeddingFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CLIP query embedding failed; hybrid search continues without the visual signal")]
    private static partial void LogVisualEmbeddingFailed(ILogger logger, Exception exception);
}
