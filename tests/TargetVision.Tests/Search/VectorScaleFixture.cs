using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Pgvector;
using TargetVision.Api.Features.Ai;
using TargetVision.Api.Features.Search;
using TargetVision.Api.Infrastructure.Http;

namespace TargetVision.Tests.Search;

/// <summary>
/// Thousands of photos with clustered 384-d unit vectors (a shared component, a cluster direction and noise, like
/// description embeddings that all talk about photos), bulk-loaded with COPY, then indexed and analysed.
/// Every 50th photo is a video: a 2 % filter. Album "tiny" holds 0.4 %.
/// </summary>
public sealed class VectorScaleFixture : AppFixture
{
    public const int Count = 5000;
    public const int Clusters = 25;
    public const int Dimensions = 384;

    public float[][] Centers { get; private set; } = [];
    public float[] Global { get; private set; } = [];
    public SearchData Data { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Data = new SearchData(Database.ConnectionString, embedder: null);
        var random = new Random(42);
        Global = Unit(Noise(random));
        Centers = Enumerable.Range(0, Clusters).Select(_ => Unit(Noise(random))).ToArray();
        var main = await Data.AlbumAsync("main", "Everything");
        var tiny = await Data.AlbumAsync("tiny", "Tiny");
        await Data.ExecuteAsync("""
            INSERT INTO photos (image_key, album_id, serial, title, keywords, captured_at, captured_at_is_upload_date, is_video, hidden,
                                usable_sizes, synced_at, created_at)
            SELECT 'k' || g, CASE WHEN g % 250 = 7 THEN @tiny ELSE @main END, g, 'Photo ' || g, '{}',
                   timestamptz '2015-01-01' + g * interval '7 hours', false, g % 50 = 0, false, '{}', now(), now()
            FROM generate_series(1, @count) g
            """, ("tiny", tiny), ("main", main), ("count", Count));
        // Loaded without the index, then built once from the migration's own definition (m, ef_construction).
        var index = await Data.ScalarAsync<string>("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_photo_text_embeddings_embedding'");
        await Data.ExecuteAsync("DROP INDEX ix_photo_text_embeddings_embedding");
        await using (var connection = await Data.DataSource.OpenConnectionAsync())
        {
            var ids = new List<int>();
            await using (var read = new NpgsqlCommand("SELECT id FROM photos ORDER BY id", connection))
            await using (var reader = await read.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    ids.Add(reader.GetInt32(0));
                }
            }
            await using var writer = await connection.BeginBinaryImportAsync(
                "COPY photo_text_embeddings (photo_id, model, ai_version, embedding, created_at) FROM STDIN (FORMAT BINARY)");
            foreach (var id in ids)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(id, NpgsqlDbType.Integer);
                await writer.WriteAsync(LocalTextEmbedder.ModelId, NpgsqlDbType.Varchar);
                await writer.WriteAsync(1, NpgsqlDbType.Integer);
                await writer.WriteAsync(new Vector(PhotoVector(id, random)));
                await writer.WriteAsync(DateTimeOffset.UtcNow, NpgsqlDbType.TimestampTz);
            }
            await writer.CompleteAsync();
        }
        await Data.ExecuteAsync(index!);
        await Data.ExecuteAsync("ANALYZE photos; ANALYZE albums; ANALYZE photo_text_embeddings; ANALYZE search_documents");
    }

    public static int ClusterOf(int photoId) => photoId % Clusters;

    private float[] PhotoVector(int id, Random random)
    {
        var center = Centers[ClusterOf(id)];
        var noise = Unit(Noise(random));
        return Unit(Enumerable.Range(0, Dimensions).Select(i => 0.6f * Global[i] + 0.6f * center[i] + 0.45f * noise[i]).ToArray());
    }

    public float[] QueryFor(int cluster) =>
        Unit(Enumerable.Range(0, Dimensions).Select(i => 0.6f * Global[i] + 0.6f * Centers[cluster][i]).ToArray());

    private static float[] Noise(Random random) => Enumerable.Range(0, Dimensions).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();

    public static float[] Unit(float[] v)
    {
        var norm = (float)Math.Sqrt(v.Sum(x => (double)x * x));
        return v.Select(x => x / norm).ToArray();
    }

    public SearchOptions Options => App.Services.GetRequiredService<IOptions<SearchOptions>>().Value;

    public static SearchPlan SemanticPlan(float[] vector, SearchFilters filters, int pageSize = 50, int page = 1, string text = "anything") =>
        new(new SearchQuery(text, SearchMode.Semantic, filters, new PageRequest(page, pageSize)), false, [],
            [new VectorSignal(SearchSql.SemanticSignal, "photo_text_embeddings", LocalTextEmbedder.ModelId, vector, 1.0)]);

    /// <summary>
    /// The exact nearest photos to a query (optionally within a capture-date range), by an ORDER BY no index can serve:
    /// what the indexed paths are checked against.
    /// </summary>
    public async Task<int[]> ExactTopAsync(float[] query, int count, DateTimeOffset? from = null, DateTimeOffset? toExclusive = null) =>
        (await Data.ScalarAsync<int[]>("""
            SELECT array_agg(photo_id ORDER BY d, photo_id) FROM (
                SELECT e.photo_id, e.embedding <=> @v AS d FROM photo_text_embeddings e
                WHERE e.live AND (@from::timestamptz IS NULL OR e.captured_at >= @from) AND (@to::timestamptz IS NULL OR e.captured_at < @to)
                ORDER BY (e.embedding <=> @v) + 0, e.photo_id LIMIT @count) x
            """, ("v", new Vector(query)), ("from", (object?)from ?? DBNull.Value), ("to", (object?)toExclusive ?? DBNull.Value), ("count", count)))!;

    /// <summary>Runs a plan's SQL with the service's settings, optionally without iterative scans, or explains it.</summary>
    public async Task<List<string>> RunAsync(SearchPlan plan, bool iterative = true, bool explain = false) =>
        await RunAsync(plan, Options, iterative, explain);

    public async Task<List<string>> RunAsync(SearchPlan plan, SearchOptions options, bool iterative = true, bool explain = false)
    {
        await using var connection = await Data.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(SearchSql.Settings(options));
        if (!iterative)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('hnsw.iterative_scan', 'off', true)"));
        }
        var command = SearchSql.Build(plan, options);
        if (explain)
        {
            command.CommandText = "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + command.CommandText;
        }
        batch.BatchCommands.Add(command);
        var rows = new List<string>();
        await using var reader = await batch.ExecuteReaderAsync();
        do
        {
            var isSearch = Enumerable.Range(0, reader.FieldCount).Any(i => reader.GetName(i) is "photo_id" or "QUERY PLAN");
            while (isSearch && await reader.ReadAsync())
            {
                var column = explain ? 0 : reader.GetOrdinal("photo_id");
                if (!reader.IsDBNull(column))
                {
                    rows.Add(reader.GetValue(column).ToString()!);
                }
            }
        }
        while (await reader.NextResultAsync());
        return rows;
    }

    public override async Task DisposeAsync()
    {
        if (Data is not null)
        {
            await Data.DisposeAsync();
        }
        await base.DisposeAsync();
    }
}
