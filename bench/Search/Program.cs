using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Pgvector;
using TargetVision.Api.Features.Ai;
using TargetVision.Api.Features.Search;
using TargetVision.Api.Infrastructure.Http;
using TargetVision.Testing;

// Search at scale: N synthetic photos (titles, descriptions, keywords, dates; clustered 384-d text and 512-d
// CLIP-like unit vectors), then server (SQL) time per mode with and without a filter, recall@10 of the indexed path
// against exact search, the exact-scan time and ratio, and index build times and sizes.
// Needs PostgreSQL: TV_TEST_PG as for the tests. Usage: dotnet run -c Release --project bench/Search -- --photos 100000 --queries 500
// (--keep / --reuse DB to measure a loaded database again, --ef-search N / --depth N / --vector-depth N to try settings,
// --recall-only skips the latency rows, --hybrid-only times only the hybrid rows).
var photos = Arg("--photos", 100_000);
var queries = Arg("--queries", 500);
var exactQueries = Arg("--exact-queries", 50);
const int Topics = 20;
const int TextDims = 384;
const int ImageDims = 512;
const string ImageTable = "image_embeddings"; // the product's table, index and storage settings
const string ImageModel = "clip-like-512";

// --keep leaves the loaded database behind (its name is printed); --reuse NAME measures it again without reloading.
var reuse = ArgText("--reuse");
var database = reuse is null ? await TestPostgres.CreateDatabaseAsync() : Existing(reuse);
await using var dropper = new Cleanup(args.Contains("--keep") || reuse is not null ? null : database);
Console.WriteLine($"Database {database.Name}");
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_TARGETVISION_API", Path.Combine(RepositoryPaths.Root, "src", "TargetVision.Api"));
// Migrations on a library this size (a reused bench database) outlast the default command timeout.
await using var app = new TargetVisionApp(database, new Dictionary<string, string?> { ["Database:CommandTimeoutSeconds"] = "3600" });
_ = app.Server;
var options = app.Services.GetRequiredService<IOptions<SearchOptions>>().Value;
options.EfSearch = Arg("--ef-search", options.EfSearch);
options.QuantizedOversampling = Arg("--oversampling", options.QuantizedOversampling);
options.QuantizedScanBelow = Arg("--quantized-below", options.QuantizedScanBelow);
options.CandidatesPerSignal = Arg("--depth", options.CandidatesPerSignal);
options.VectorCandidates = Arg("--vector-depth", Arg("--depth", options.VectorCandidates));
var builder = new NpgsqlDataSourceBuilder(database.ConnectionString);
builder.UseVector();
await using var dataSource = builder.Build();
var random = new Random(42);
// --vectors scenes (default): topics → scenes (series of ~24 shots of one subject, as photographers shoot them) →
// photos close to their scene, the local structure real embeddings have. --vectors topics: every photo drawn
// independently around its topic's centre, so all of a topic's photos are nearly equidistant from a query — the worst
// case for any approximate index (the figures before 2026-12-07 06:00 UTC used it).
var scenes = ArgText("--vectors") != "topics";
const int SceneSize = 24;
// Query vectors, calibrated on the real MiniLM over the relevance fixture (tests/…/RelevanceLibrary.cs): a query's
// cosine to the photo it means has median 0.57, to the best other photo 0.26–0.45, to the rest median 0.11. A specific
// query is drawn near one photo with noise that gives the same figures here: 1/√(1 + 4·0.72²) = 0.57 to its photo,
// ≈ 0.29 to others of its topic, ≈ 0.10 to other topics. A vague query sits near a topic's centre, nearly equidistant
// (cosine 0.36–0.71, a spread of 0.01 over its first ten) from thousands of photos: a query with no real top ten, the
// worst case for any approximate index.
const float SpecificNoise = 0.72f;
const float VagueNoise = 0.3f;
// The photos specific queries aim at, read once per table and filter.
var targetCache = new Dictionary<(string Table, DateTimeOffset? From), List<float[]>>();
if (args.Contains("--write-cost"))
{
    // Usage: … -- --write-cost [--rounds 2]: sync and describe writes with and without the search triggers.
    await SearchBench.WriteCost.RunAsync(app.Services, dataSource, database.AdminConnectionString, [1_000, 10_000], Arg("--rounds", 2));
    return 0;
}

var textCenters = Centers(TextDims);
var imageCenters = Centers(ImageDims);
var textScenes = new Dictionary<int, float[]>();
var imageScenes = new Dictionary<int, float[]>();
if (reuse is null)
{
    Console.WriteLine($"Loading {photos:N0} photos ({Environment.ProcessorCount} cores)…");
    var load = Stopwatch.StartNew();
    // Loaded without the search indexes, then built once from the migrations' own definitions, as an operator would
    // (re)build them on a large library.
    var definitions = new Dictionary<string, string>();
    await using (var read = dataSource.CreateCommand(
        "SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(ARRAY['ix_photo_text_embeddings_embedding','ix_image_embeddings_embedding','ix_search_documents_document','ix_search_documents_fuzzy_text'])"))
    await using (var reader = await read.ExecuteReaderAsync())
    {
        while (await reader.ReadAsync())
        {
            definitions[reader.GetString(0)] = reader.GetString(1);
        }
    }
    await Sql("DROP INDEX ix_photo_text_embeddings_embedding; DROP INDEX ix_image_embeddings_embedding; DROP INDEX ix_search_documents_document; DROP INDEX ix_search_documents_fuzzy_text");
    await Sql($"""
        INSERT INTO albums (album_key, name, keywords, folder_path, image_count, created_at, synced_at)
        SELECT 'al' || a, (ARRAY['Vermont','Iceland','Tokyo','Paris','Maine','Peru','Kenya','Norway','Italy','Utah'])[1 + a % 10] || ' ' || (2015 + a % 10),
               ARRAY[]::text[], 'Travel / ' || (ARRAY['Vermont','Iceland','Tokyo','Paris','Maine','Peru','Kenya','Norway','Italy','Utah'])[1 + a % 10], 0, now(), now()
        FROM generate_series(0, {Math.Max(1, photos / 500) - 1}) a
        """);
    // Words by topic (the cluster of the photo's vectors), so that words and vectors agree as in a real library.
    await Sql($"""
        WITH v AS (SELECT
            ARRAY['barn','bridge','lighthouse','waterfall','beach','mountain','forest','lake','skyline','market','church','harbour','desert','glacier','canyon','vineyard','castle','garden','train','street'] AS subj,
            ARRAY['red','blue','golden','misty','snowy','quiet','crowded','old','tiny','vast'] AS adj,
            ARRAY['at sunset','at dawn','under the stars','in the rain','in autumn','in winter','at noon','in thick fog'] AS tm,
            ARRAY['people walking past','a dog nearby','birds overhead','boats in the distance','nobody around','children playing','a cyclist passing','long shadows'] AS extra),
        a AS (SELECT count(*)::int AS n, min(id) AS first FROM albums)
        INSERT INTO photos (image_key, album_id, serial, file_name, title, caption, keywords, captured_at, captured_at_is_upload_date,
                            is_video, hidden, usable_sizes, synced_at, created_at)
        SELECT 'b' || g, a.first + (g % a.n), g, 'IMG_' || g || '.jpg',
               initcap(v.adj[1 + (g * 7) % 10] || ' ' || v.subj[1 + g % {Topics}]),
               CASE WHEN g % 3 = 0 THEN v.extra[1 + (g * 3) % 8] END,
               ARRAY[v.subj[1 + g % {Topics}], v.adj[1 + (g * 7) % 10]],
               -- A scene's shots share their day, as a burst does (PhotoVector's scene of serial g).
               timestamptz '2015-01-01' + (((g / {Topics * SceneSize} * {Topics} + g % {Topics}) * 7919) % 3650) * interval '1 day' + (g % 86400) * interval '1 second',
               false, g % 50 = 0, false, ARRAY[]::text[], now(), now()
        FROM generate_series(1, {photos}) g, v, a
        """);
    await Sql($"""
        WITH v AS (SELECT
            ARRAY['barn','bridge','lighthouse','waterfall','beach','mountain','forest','lake','skyline','market','church','harbour','desert','glacier','canyon','vineyard','castle','garden','train','street'] AS subj,
            ARRAY['red','blue','golden','misty','snowy','quiet','crowded','old','tiny','vast'] AS adj,
            ARRAY['at sunset','at dawn','under the stars','in the rain','in autumn','in winter','at noon','in thick fog'] AS tm,
            ARRAY['people walking past','a dog nearby','birds overhead','boats in the distance','nobody around','children playing','a cyclist passing','long shadows'] AS extra)
        INSERT INTO photo_ai_versions (photo_id, version, description, keywords, provider, model, input_tokens, output_tokens, cost_usd,
                                       latency_ms, approved, edited_by_user, created_at)
        SELECT p.id, 1,
               'A ' || v.adj[1 + (p.serial * 7) % 10] || ' ' || v.subj[1 + p.serial % {Topics}] || ' ' || v.tm[1 + (p.serial * 5) % 8]
                 || ', with ' || v.extra[1 + (p.serial * 3) % 8] || '. The light is soft and the colours are muted; the frame is balanced.',
               ARRAY[v.subj[1 + p.serial % {Topics}], v.tm[1 + (p.serial * 5) % 8], v.extra[1 + (p.serial * 3) % 8]],
               'anthropic', 'bench', 0, 0, 0, 0, p.serial % 4 = 0, false, now()
        FROM photos p, v WHERE p.serial % 10 <> 9
        """);
    // Describe points the photo at its new version; the pointer is what search reads as the current description.
    await Sql("UPDATE photos p SET current_ai_version_id = v.id FROM photo_ai_versions v WHERE v.photo_id = p.id");
    Console.WriteLine($"  rows and search documents (triggers): {load.Elapsed.TotalSeconds:F1} s");

    var load2 = Stopwatch.StartNew();
    await using (var connection = await dataSource.OpenConnectionAsync())
    {
        var rows = new List<(int Id, int Serial, bool Described)>();
        await using (var read = new NpgsqlCommand("SELECT id, serial, serial % 10 <> 9 FROM photos ORDER BY id", connection))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetInt32(0), reader.GetInt32(1), reader.GetBoolean(2)));
            }
        }
        await using (var text = await connection.BeginBinaryImportAsync("COPY photo_text_embeddings (photo_id, model, ai_version, embedding, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in rows.Where(r => r.Described))
            {
                await text.StartRowAsync();
                await text.WriteAsync(row.Id, NpgsqlDbType.Integer);
                await text.WriteAsync(LocalTextEmbedder.ModelId, NpgsqlDbType.Varchar);
                await text.WriteAsync(1, NpgsqlDbType.Integer);
                await text.WriteAsync(new Vector(PhotoVector(textCenters, textScenes, row.Serial, 0.45f)));
                await text.WriteAsync(DateTimeOffset.UtcNow, NpgsqlDbType.TimestampTz);
            }
            await text.CompleteAsync();
        }
        await using (var image = await connection.BeginBinaryImportAsync($"COPY {ImageTable} (photo_id, model, source_stamp, embedding, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in rows)
            {
                await image.StartRowAsync();
                await image.WriteAsync(row.Id, NpgsqlDbType.Integer);
                await image.WriteAsync(ImageModel, NpgsqlDbType.Varchar);
                await image.WriteAsync("bench", NpgsqlDbType.Varchar);
                await image.WriteAsync(new Vector(PhotoVector(imageCenters, imageScenes, row.Serial, 0.5f)));
                await image.WriteAsync(DateTimeOffset.UtcNow, NpgsqlDbType.TimestampTz);
            }
            await image.CompleteAsync();
        }
    }
    Console.WriteLine($"  embeddings (COPY BINARY): {load2.Elapsed.TotalSeconds:F1} s");

    Console.WriteLine();
    Console.WriteLine("| index | build | size |");
    Console.WriteLine("|---|---|---|");
    await Index("text HNSW (384-d, cosine)", "ix_photo_text_embeddings_embedding", definitions["ix_photo_text_embeddings_embedding"]);
    await Index("image HNSW (512-d, cosine)", "ix_image_embeddings_embedding", definitions["ix_image_embeddings_embedding"]);
    await Index("full-text GIN", "ix_search_documents_document", definitions["ix_search_documents_document"]);
    await Index("trigram GIN", "ix_search_documents_fuzzy_text", definitions["ix_search_documents_fuzzy_text"]);
    await Sql("VACUUM ANALYZE");
}

var service = app.Services.CreateScope().ServiceProvider.GetRequiredService<SearchService>();
var filter = SearchFilters.None with
{
    From = new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero),
    ToExclusive = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero),
};
var texts = QueryTexts(queries);
if (args.Contains("--explain"))
{
    // Planning and execution time of one query per mode and filter (--explain-plans prints the plans too).
    foreach (var mode in new[] { SearchMode.Text, SearchMode.Semantic, SearchMode.Hybrid })
    {
        foreach (var filters in new[] { SearchFilters.None, filter })
        {
            var query = new SearchQuery("misty lighthouse", mode, filters, new PageRequest(1, 50));
            var vectors = new List<VectorSignal>();
            if (mode != SearchMode.Text)
            {
                vectors.Add(new VectorSignal(SearchSql.SemanticSignal, "photo_text_embeddings", LocalTextEmbedder.ModelId, Near(textCenters[2], 0.3f), 1));
            }
            if (mode == SearchMode.Hybrid)
            {
                vectors.Add(new VectorSignal(SearchSql.VisualSignal, ImageTable, ImageModel, Near(imageCenters[2], 0.3f), 1));
            }
            var plan = new SearchPlan(query, mode != SearchMode.Semantic, SearchService.TypoWords(query.Text), vectors);
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var batch = new NpgsqlBatch(connection, transaction);
            batch.BatchCommands.Add(SearchSql.Settings(options));
            var command = SearchSql.Build(plan, options);
            command.CommandText = "EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) " + command.CommandText;
            batch.BatchCommands.Add(command);
            await using var reader = await batch.ExecuteReaderAsync();
            await reader.NextResultAsync();
            Console.WriteLine($"-- {mode.ToString().ToLowerInvariant()}, {(filters == filter ? "year 2019" : "no filter")}");
            while (await reader.ReadAsync())
            {
                var line = reader.GetString(0);
                if (args.Contains("--explain-plans") || line.Contains(" Time:", StringComparison.Ordinal))
                {
                    Console.WriteLine(line);
                }
            }
        }
    }
}
if (!args.Contains("--recall-only"))
{
    Console.WriteLine();
    Console.WriteLine($"Server (SQL) time over {queries} queries per row; filter = capture year 2019 (~10 % of photos); page size 50; vectors: {(scenes ? "scenes" : "topics")}; {Environment.ProcessorCount} cores.");
    Console.WriteLine();
    Console.WriteLine("| mode | filter | p50 ms | p95 ms | p99 ms | mean hits |");
    Console.WriteLine("|---|---|---|---|---|---|");
    foreach (var mode in args.Contains("--hybrid-only") ? [SearchMode.Hybrid] : new[] { SearchMode.Text, SearchMode.Semantic, SearchMode.Visual, SearchMode.Hybrid })
    {
        foreach (var filtered in new[] { false, true })
        {
            await Measure(mode, filtered ? filter : SearchFilters.None, filtered);
        }
    }
    // The same hybrid queries as one statement on one connection (Search:ParallelSignals=false), for the ratio.
    if (!args.Contains("--hybrid-only"))
    {
        options.ParallelSignals = false;
        foreach (var filtered in new[] { false, true })
        {
            await Measure(SearchMode.Hybrid, filtered ? filter : SearchFilters.None, filtered, "hybrid, one statement");
        }
        options.ParallelSignals = true;
        foreach (var filtered in new[] { false, true })
        {
            await Measure(null, filtered ? filter : SearchFilters.None, filtered); // browsing: no words, newest first
        }
    }
}

Console.WriteLine();
Console.WriteLine($"Indexed vs exact vector retrieval over {exactQueries} queries (top {options.VectorCandidates} candidates, ef_search {options.EfSearch}, iterative scans).");
Console.WriteLine();
// Exact search as PostgreSQL runs it without the index (a parallel scan: here the leader and two workers, all cores)
// and in one process (the CPU it costs, what a busy server pays per query).
Console.WriteLine("| signal | queries | filter | recall@10 (ids) | recall@10 (ε 0.001) | indexed p50 ms | exact p50 ms | exact / indexed | exact, one process, p50 ms | one process / indexed |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
foreach (var (name, table, model, centers) in new[] { ("semantic 384-d", "photo_text_embeddings", LocalTextEmbedder.ModelId, textCenters), ("visual 512-d", ImageTable, ImageModel, imageCenters) })
{
    foreach (var specific in new[] { true, false })
    {
        foreach (var filtered in new[] { false, true })
        {
            var filters = filtered ? filter : SearchFilters.None;
            await Exact(name, table, model, specific ? await TargetsAsync(table, model, filters) : null, centers, filters, filtered);
        }
    }
}
return 0;

async Task Measure(SearchMode? browse, SearchFilters filters, bool filtered, string? label = null)
{
    var mode = browse ?? SearchMode.Hybrid;
    var times = new List<double>();
    long hits = 0;
    var textTargets = await TargetsAsync("photo_text_embeddings", LocalTextEmbedder.ModelId, filters);
    var imageTargets = await TargetsAsync(ImageTable, ImageModel, filters);
    for (var i = 0; i < queries + 20; i++)
    {
        var topic = i % Topics;
        // Half the queries aim at something in the library, half are vague (see SpecificNoise).
        var specific = i % 2 == 0;
        // Browsing pages through the first ten pages, as infinite scroll does.
        var query = browse is null
            ? new SearchQuery("", mode, filters, new PageRequest(1 + i % 10, 50))
            : new SearchQuery(texts[i % texts.Count], mode, filters, new PageRequest(1, 50));
        var vectors = new List<VectorSignal>();
        if (browse is not null && mode is SearchMode.Semantic or SearchMode.Hybrid)
        {
            vectors.Add(new VectorSignal(SearchSql.SemanticSignal, "photo_text_embeddings", LocalTextEmbedder.ModelId,
                specific ? Near(textTargets[i % textTargets.Count], SpecificNoise) : Near(textCenters[topic], VagueNoise), 1));
        }
        if (browse is not null && mode is SearchMode.Visual or SearchMode.Hybrid)
        {
            vectors.Add(new VectorSignal(SearchSql.VisualSignal, ImageTable, ImageModel,
                specific ? Near(imageTargets[i % imageTargets.Count], SpecificNoise) : Near(imageCenters[topic], VagueNoise), 1));
        }
        var plan = new SearchPlan(query, browse is not null && mode is SearchMode.Text or SearchMode.Hybrid, SearchService.TypoWords(query.Text), vectors)
        {
            ExcludedWords = SearchService.ExcludedWords(query.Text),
        };
        var watch = Stopwatch.StartNew();
        var result = await service.ExecuteAsync(plan, options, CancellationToken.None);
        watch.Stop();
        if (i >= 20) // warm-up excluded
        {
            times.Add(watch.Elapsed.TotalMilliseconds);
            hits += result.Items.Count;
        }
    }
    times.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {label ?? browse?.ToString().ToLowerInvariant() ?? "browse (no words)"} | {(filtered ? "year 2019" : "none")} | {P(times, 0.50):F1} | {P(times, 0.95):F1} | {P(times, 0.99):F1} | {hits / (double)queries:F1} |"));
}

async Task Exact(string name, string table, string model, List<float[]>? targets, float[][] centers, SearchFilters filters, bool filtered)
{
    var recall = new List<double>();
    var recallWithin = new List<double>();
    var indexedTimes = new List<double>();
    var exactTimes = new List<double>();
    var serialTimes = new List<double>();
    for (var i = 0; i < exactQueries; i++)
    {
        var vector = targets is null ? Near(centers[i % Topics], VagueNoise) : Near(targets[i % targets.Count], SpecificNoise);
        var indexed = await TopAsync(table, model, vector, filters, exact: false);
        var exact = await TopAsync(table, model, vector, filters, exact: true);
        serialTimes.Add((await TopAsync(table, model, vector, filters, exact: true, oneProcess: true)).Ms);
        indexedTimes.Add(indexed.Ms);
        exactTimes.Add(exact.Ms);
        recall.Add(indexed.Ids.Take(10).Intersect(exact.Ids.Take(10)).Count() / 10.0);
        // ann-benchmarks' definition: a returned neighbour counts when it is no farther than the true 10th plus 0.001,
        // so photos tied with the 10th (a burst of near-identical shots) are not counted as misses.
        var tenth = exact.Distances.Take(10).DefaultIfEmpty(0).Max();
        recallWithin.Add(Math.Min(10, indexed.Distances.Take(10).Count(d => d <= tenth + 1e-3)) / (double)Math.Max(1, Math.Min(10, exact.Ids.Count)));
    }
    indexedTimes.Sort();
    exactTimes.Sort();
    serialTimes.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {(targets is null ? "vague" : "specific")} | {(filtered ? "year 2019" : "none")} | {recall.Average():F3} | {recallWithin.Average():F3} | {P(indexedTimes, 0.5):F2} | {P(exactTimes, 0.5):F1} | {P(exactTimes, 0.5) / P(indexedTimes, 0.5):F0}× | {P(serialTimes, 0.5):F1} | {P(serialTimes, 0.5) / P(indexedTimes, 0.5):F0}× |"));
}

// Photos that specific queries aim at: a fixed pseudo-random sample of those the filter keeps (a person searching 2019
// looks for something shot in 2019).
async Task<List<float[]>> TargetsAsync(string table, string model, SearchFilters filters)
{
    var key = (table, filters.From);
    if (targetCache.TryGetValue(key, out var cached))
    {
        return cached;
    }
    var range = filters.From is null ? "" : " AND e.captured_at >= @from AND e.captured_at < @to";
    await using var command = dataSource.CreateCommand(
        $"SELECT e.embedding FROM {table} e WHERE e.model = @model AND e.live{range} ORDER BY (e.photo_id::bigint * 2654435761) % 4294967296 LIMIT 256");
    command.Parameters.AddWithValue("model", model);
    if (filters.From is not null)
    {
        command.Parameters.AddWithValue("from", filters.From.Value);
        command.Parameters.AddWithValue("to", filters.ToExclusive!.Value);
    }
    var list = new List<float[]>();
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        list.Add(reader.GetFieldValue<Vector>(0).ToArray());
    }
    targetCache[key] = list;
    return list;
}

NpgsqlBatchCommand ExactStatement(string table, string model, float[] vector, SearchFilters filters)
{
    var parameters = new List<NpgsqlParameter>();
    var fragments = SearchFilterSql.Build(filters, parameters);
    var command = new NpgsqlBatchCommand($"""
        SELECT photo_id, distance FROM (
            SELECT e.photo_id, e.embedding <=> @v AS distance
            FROM {table} e {(fragments.Rest is null ? "" : "JOIN search_documents d ON d.photo_id = e.photo_id")}
            WHERE e.model = @model AND {fragments.Carried}{(fragments.Rest is null ? "" : " AND " + fragments.Rest)}
            ORDER BY (e.embedding <=> @v) + 0 LIMIT @depth) s
        ORDER BY distance, photo_id
        """);
    command.Parameters.AddRange(parameters.ToArray());
    command.Parameters.Add(new NpgsqlParameter("v", new Vector(vector)));
    command.Parameters.Add(new NpgsqlParameter("model", model));
    command.Parameters.Add(new NpgsqlParameter("depth", options.VectorCandidates));
    return command;
}

// One vector signal's candidates: as the product retrieves them, or exactly.
async Task<(List<int> Ids, List<double> Distances, double Ms)> TopAsync(string table, string model, float[] vector, SearchFilters filters, bool exact, bool oneProcess = false)
{
    await using var connection = await dataSource.OpenConnectionAsync();
    await using var transaction = await connection.BeginTransactionAsync();
    await using var batch = new NpgsqlBatch(connection, transaction);
    batch.BatchCommands.Add(SearchSql.Settings(options));
    if (oneProcess)
    {
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('max_parallel_workers_per_gather', '0', true)"));
    }
    // Indexed: the product's own statement for one vector signal (graph walk, or the quantised ranking of a narrow
    // date range). Exact: the same rows ordered by an expression no index serves.
    batch.BatchCommands.Add(exact
        ? ExactStatement(table, model, vector, filters)
        : SearchSql.VectorCandidates(options, new VectorSignal("bench", table, model, vector, 1), filters));
    var watch = Stopwatch.StartNew();
    var ids = new List<int>();
    var distances = new List<double>();
    await using (var reader = await batch.ExecuteReaderAsync())
    {
        await reader.NextResultAsync();
        if (oneProcess)
        {
            await reader.NextResultAsync();
        }
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt32(0));
            distances.Add(reader.GetDouble(1));
        }
    }
    watch.Stop();
    await transaction.CommitAsync();
    return (ids, distances, watch.Elapsed.TotalMilliseconds);
}

List<string> QueryTexts(int count)
{
    string[] subj = ["barn", "bridge", "lighthouse", "waterfall", "beach", "mountain", "forest", "lake", "skyline", "market", "church", "harbour", "desert", "glacier", "canyon", "vineyard", "castle", "garden", "train", "street"];
    string[] adj = ["red", "blue", "golden", "misty", "snowy", "quiet", "crowded", "old", "tiny", "vast"];
    string[] extra = ["sunset", "dawn", "stars", "rain", "autumn", "winter", "fog", "dog", "boats", "children"];
    string[] places = ["Vermont", "Iceland", "Tokyo", "Paris", "Maine", "Peru", "Kenya", "Norway", "Italy", "Utah"];
    var list = new List<string>();
    for (var i = 0; i < count; i++)
    {
        var s = subj[i % subj.Length];
        list.Add((i % 6) switch
        {
            0 => $"{adj[random.Next(adj.Length)]} {s}",
            1 => $"{s} {extra[random.Next(extra.Length)]}",
            2 => $"\"{adj[random.Next(adj.Length)]} {s}\"",
            3 => $"{s} {places[random.Next(places.Length)]} -{extra[random.Next(extra.Length)]}",
            4 => $"{s[..^1]}{(char)('a' + random.Next(26))}", // a typo
            _ => $"a {adj[random.Next(adj.Length)]} {s} at {extra[random.Next(extra.Length)]} with {extra[random.Next(extra.Length)]}",
        });
    }
    return list;
}

float[][] Centers(int dims)
{
    var global = Unit(Enumerable.Range(0, dims).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray());
    return Enumerable.Range(0, Topics).Select(_ =>
    {
        var own = Unit(Enumerable.Range(0, dims).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray());
        return Unit(global.Zip(own, (g, o) => 0.6f * g + 0.8f * o).ToArray());
    }).ToArray();
}

// A photo's vector: near its scene's centre (itself near the topic's), or with --vectors topics near the topic's.
float[] PhotoVector(float[][] centers, Dictionary<int, float[]> sceneCenters, int serial, float noise)
{
    var topic = serial % Topics;
    if (!scenes)
    {
        return Near(centers[topic], noise);
    }
    var scene = serial / (Topics * SceneSize) * Topics + topic;
    if (!sceneCenters.TryGetValue(scene, out var center))
    {
        center = Near(centers[topic], noise);
        sceneCenters[scene] = center;
    }
    return Near(center, 0.15f);
}

float[] Near(float[] center, float noise)
{
    var n = Unit(center.Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray());
    return Unit(center.Zip(n, (c, e) => c + noise * 2 * e).ToArray());
}

static float[] Unit(float[] v)
{
    var norm = (float)Math.Sqrt(v.Sum(x => (double)x * x));
    return v.Select(x => x / norm).ToArray();
}

TestDatabase Existing(string name)
{
    var admin = new NpgsqlConnectionStringBuilder(TestPostgres.AdminConnectionString) { Database = name, Pooling = false };
    var owner = new NpgsqlConnectionStringBuilder(TestPostgres.AdminConnectionString)
    {
        Database = name,
        Username = TestPostgres.AppRole,
        Password = TestPostgres.AppPassword,
    };
    return new TestDatabase(name, owner.ConnectionString, admin.ConnectionString);
}

string? ArgText(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static double P(List<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];

async Task Sql(string sql)
{
    await using var command = dataSource.CreateCommand(sql);
    command.CommandTimeout = 0;
    await command.ExecuteNonQueryAsync();
}

async Task Index(string label, string name, string sql)
{
    var watch = Stopwatch.StartNew();
    // As an operator would build an index on a large library: in memory (the default 64 MB spills the graph to disk).
    await Sql($"SET maintenance_work_mem = '1GB'; {sql}");
    watch.Stop();
    await using var size = dataSource.CreateCommand($"SELECT pg_size_pretty(pg_relation_size('{name}'))");
    // The storage parameters the migration chose (WITH (m='24', ef_construction='400') → "m 24, ef_construction 400").
    if (sql.IndexOf(" WITH (", StringComparison.Ordinal) is var at and >= 0)
    {
        var parameters = sql[(at + 7)..sql.IndexOf(')', at)].Replace("'", "", StringComparison.Ordinal).Replace("=", " ", StringComparison.Ordinal);
        label = $"{label.TrimEnd(')')}, {parameters})";
    }
    Console.WriteLine($"| {label} | {watch.Elapsed.TotalSeconds:F1} s | {await size.ExecuteScalarAsync()} |");
}

int Arg(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

/// <summary>Drops the bench database at the end unless it is kept for another run.</summary>
internal sealed class Cleanup(TestDatabase? database) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => database?.DisposeAsync() ?? ValueTask.CompletedTask;
}
