using System.Text.Json;
using Npgsql;
using Pgvector;

namespace TargetVision.Api.Features.Visual;

/// <summary>
/// The read side of visual search in SQL: nearest photos to a vector (HNSW, iterative scan so the deleted-photo
/// filter never leaves a short list), near-duplicate pairs (the index per photo, then a union of the pairs into
/// groups), and coverage per model.
/// </summary>
public sealed class VisualQueries(NpgsqlDataSource dataSource, VisualModel model)
{
    /// <summary>Neighbours looked at per photo when grouping duplicates (bursts rarely exceed this).</summary>
    public const int NeighboursPerPhoto = 12;

    private const string HitColumns = """
        p.id, p.image_key, p.title, p.file_name, p.caption, p.width, p.height, p.captured_at, p.status, p.status_error,
        a.album_key, a.name, p.is_video
        """;

    public async Task<float[]?> EmbeddingOfAsync(int photoId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT e.embedding FROM image_embeddings e JOIN photos p ON p.id = e.photo_id
            WHERE e.photo_id = @id AND e.model = @model AND p.deleted_at IS NULL
            """);
        command.Parameters.AddWithValue("id", photoId);
        command.Parameters.AddWithValue("model", model.ModelId);
        return await command.ExecuteScalarAsync(ct) is Vector v ? v.ToArray() : null;
    }

    public async Task<List<VisualHit>> NearestAsync(float[] query, int? exclude, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('hnsw.ef_search', '100', true), set_config('hnsw.iterative_scan', 'relaxed_order', true)"));
        var search = new NpgsqlBatchCommand($"""
            WITH near AS MATERIALIZED (
                SELECT e.photo_id, e.embedding <=> @q AS distance
                FROM image_embeddings e JOIN photos p ON p.id = e.photo_id
                WHERE e.model = @model AND p.deleted_at IS NULL AND e.photo_id <> @exclude
                ORDER BY e.embedding <=> @q LIMIT @limit)
            SELECT {HitColumns}, 1 - n.distance AS similarity
            FROM near n JOIN photos p ON p.id = n.photo_id JOIN albums a ON a.id = p.album_id
            ORDER BY n.distance, n.photo_id
            """);
        search.Parameters.AddWithValue("q", new Vector(query));
        search.Parameters.AddWithValue("model", model.ModelId);
        search.Parameters.AddWithValue("exclude", exclude ?? 0);
        search.Parameters.AddWithValue("limit", limit);
        batch.BatchCommands.Add(search);
        var hits = new List<VisualHit>();
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var id = reader.GetInt32(0);
                hits.Add(new VisualHit(
                    reader.GetString(1), id, Text(reader, 2), Text(reader, 3), Text(reader, 4), Int(reader, 5), Int(reader, 6),
                    reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                    JsonNamingPolicy.SnakeCaseLower.ConvertName(reader.GetString(8)), Text(reader, 9), $"/api/photos/{id}/thumbnail",
                    InCollection: false, reader.GetString(10), reader.GetString(11), reader.GetBoolean(12), Math.Round(reader.GetDouble(13), 6)));
            }
        }
        await transaction.CommitAsync(ct);
        return hits;
    }

    /// <summary>Near-duplicate groups, largest first; dismissed pairs never link two photos.</summary>
    public async Task<(List<DuplicateGroup> Page, int Total)> DuplicatesAsync(double threshold, int skip, int take, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var pairs = new List<(int A, int B, double Similarity)>();
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('hnsw.ef_search', '64', true), set_config('hnsw.iterative_scan', 'relaxed_order', true)"));
            var select = new NpgsqlBatchCommand("""
                SELECT DISTINCT least(e.photo_id, n.photo_id), greatest(e.photo_id, n.photo_id), 1 - n.distance
                FROM image_embeddings e
                JOIN photos p ON p.id = e.photo_id AND p.deleted_at IS NULL
                CROSS JOIN LATERAL (
                    SELECT x.photo_id, x.embedding <=> e.embedding AS distance
                    FROM image_embeddings x JOIN photos q ON q.id = x.photo_id
                    WHERE x.model = @model AND x.photo_id <> e.photo_id AND q.deleted_at IS NULL
                    ORDER BY x.embedding <=> e.embedding LIMIT @k) n
                WHERE e.model = @model AND n.distance <= @max_distance
                  AND NOT EXISTS (SELECT 1 FROM duplicate_dismissals d
                                  WHERE d.photo_a = least(e.photo_id, n.photo_id) AND d.photo_b = greatest(e.photo_id, n.photo_id))
                """);
            select.Parameters.AddWithValue("model", model.ModelId);
            select.Parameters.AddWithValue("k", NeighboursPerPhoto);
            select.Parameters.AddWithValue("max_distance", 1 - threshold);
            batch.BatchCommands.Add(select);
            await using var reader = await batch.ExecuteReaderAsync(ct);
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                pairs.Add((reader.GetInt32(0), reader.GetInt32(1), reader.GetDouble(2)));
            }
        }
        var groups = Group(pairs);
        var page = groups.Skip(skip).Take(take).ToList();
        var details = await DetailsAsync(connection, transaction, page.SelectMany(g => g.Ids).ToArray(), ct);
        await transaction.CommitAsync(ct);
        return ([.. page.Select(g => new DuplicateGroup([.. g.Ids.Where(details.ContainsKey).Select(id => details[id])], Math.Round(g.MinSimilarity, 6)))], groups.Count);
    }

    /// <summary>Union–find over the pairs: connected photos form one group, ordered by size, then by first photo.</summary>
    public static List<(int[] Ids, double MinSimilarity)> Group(IEnumerable<(int A, int B, double Similarity)> pairs)
    {
        var parent = new Dictionary<int, int>();
        int Find(int x)
        {
            var root = x;
            while (parent[root] != root)
            {
                root = parent[root];
            }
            while (parent[x] != root)
            {
                (parent[x], x) = (root, parent[x]);
            }
            return root;
        }
        var list = pairs.ToList();
        foreach (var (a, b, _) in list)
        {
            parent.TryAdd(a, a);
            parent.TryAdd(b, b);
            var (ra, rb) = (Find(a), Find(b));
            if (ra != rb)
            {
                parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
            }
        }
        var weakest = new Dictionary<int, double>();
        foreach (var (a, _, similarity) in list)
        {
            var root = Find(a);
            weakest[root] = Math.Min(weakest.GetValueOrDefault(root, 1.0), similarity);
        }
        return [.. parent.Keys.GroupBy(Find)
            .Select(g => (Ids: g.Order().ToArray(), MinSimilarity: weakest[g.Key]))
            .OrderByDescending(g => g.Ids.Length).ThenBy(g => g.Ids[0])];
    }

    private static async Task<Dictionary<int, DuplicatePhoto>> DetailsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int[] ids, CancellationToken ct)
    {
        var result = new Dictionary<int, DuplicatePhoto>();
        if (ids.Length == 0)
        {
            return result;
        }
        await using var command = new NpgsqlCommand("""
            SELECT p.id, p.image_key, p.title, p.file_name, p.width, p.height, p.size_bytes, p.captured_at, a.album_key, a.name
            FROM photos p JOIN albums a ON a.id = p.album_id WHERE p.id = ANY(@ids)
            """, connection, transaction);
        command.Parameters.AddWithValue("ids", ids);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetInt32(0);
            result[id] = new DuplicatePhoto(id, reader.GetString(1), Text(reader, 2), Text(reader, 3), Int(reader, 4), Int(reader, 5),
                reader.IsDBNull(6) ? null : reader.GetInt64(6), reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                reader.GetString(8), reader.GetString(9), $"/api/photos/{id}/thumbnail");
        }
        return result;
    }

    /// <summary>Remembers every pair of the given photos as "not a duplicate".</summary>
    public async Task<int> DismissAsync(int[] photoIds, DateTimeOffset now, CancellationToken ct)
    {
        var ids = photoIds.Distinct().Order().ToArray();
        var a = new List<int>();
        var b = new List<int>();
        for (var i = 0; i < ids.Length; i++)
        {
            for (var j = i + 1; j < ids.Length; j++)
            {
                a.Add(ids[i]);
                b.Add(ids[j]);
            }
        }
        await using var command = dataSource.CreateCommand("""
            INSERT INTO duplicate_dismissals (photo_a, photo_b, created_at)
            SELECT x.a, x.b, @now FROM unnest(@a, @b) AS x(a, b)
            WHERE EXISTS (SELECT 1 FROM photos WHERE id = x.a) AND EXISTS (SELECT 1 FROM photos WHERE id = x.b)
            ON CONFLICT DO NOTHING
            """);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("a", a.ToArray());
        command.Parameters.AddWithValue("b", b.ToArray());
        return await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<EmbeddingStats> StatsAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT (SELECT count(*)::int FROM photos p WHERE p.deleted_at IS NULL AND NOT p.is_video),
                   coalesce((SELECT jsonb_agg(jsonb_build_array(s.model, s.embedded, s.stale) ORDER BY s.model)
                             FROM (SELECT e.model, count(*)::int AS embedded,
                                          count(*) FILTER (WHERE e.source_stamp <> {ImageEmbedding.StampSql})::int AS stale
                                   FROM image_embeddings e JOIN photos p ON p.id = e.photo_id
                                   WHERE p.deleted_at IS NULL AND NOT p.is_video GROUP BY e.model) s), '[]'::jsonb)::text
            """);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var photos = reader.GetInt32(0);
        using var json = JsonDocument.Parse(reader.GetString(1));
        var models = json.RootElement.EnumerateArray().Select(e => new ModelCoverage(e[0].GetString()!, e[1].GetInt32(), e[2].GetInt32())).ToList();
        var current = models.FirstOrDefault(m => m.Model == model.ModelId) ?? new ModelCoverage(model.ModelId, 0, 0);
        return new EmbeddingStats(model.Status(), photos, current.Embedded - current.Stale, current.Stale, photos - current.Embedded, models);
    }

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static int? Int(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);
}
