using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Infrastructure.Jobs;

namespace TargetVision.Api.Features.Visual;

/// <summary>
/// Finds the photos whose image embedding for the current model is missing or stale and turns them into embed-image
/// jobs of one inference batch each. The idempotency key covers the photos and their stamps: queuing the same work
/// twice is a no-op, and a photo replaced since gets a new job.
/// </summary>
public sealed class EmbeddingPlanner(AppDbContext db, JobQueue queue, VisualModel model, IOptions<VisualOptions> options)
{
    public async Task<List<NewJob>> PlanAsync(int? albumId, CancellationToken ct)
    {
        var rows = await db.Database.SqlQueryRaw<PendingRow>($"""
            SELECT p.id AS "Id", {ImageEmbedding.StampSql} AS "Stamp"
            FROM photos p
            LEFT JOIN image_embeddings e ON e.photo_id = p.id AND e.model = @model
            WHERE p.deleted_at IS NULL AND NOT p.is_video AND (@album::int IS NULL OR p.album_id = @album)
              AND (e.photo_id IS NULL OR e.source_stamp <> {ImageEmbedding.StampSql})
            ORDER BY p.id
            """,
            new NpgsqlParameter("model", model.ModelId),
            new NpgsqlParameter("album", NpgsqlDbType.Integer) { Value = (object?)albumId ?? DBNull.Value }).ToListAsync(ct);
        var size = Math.Max(1, options.Value.BatchSize);
        return [.. rows.Chunk(size).Select(chunk => new NewJob(new EmbedImagePayload([.. chunk.Select(r => r.Id)]), Key(chunk)))];
    }

    /// <summary>A batch the UI follows (SSE progress, cancel, retry) embedding everything missing or stale.</summary>
    public async Task<JobBatch> BackfillAsync(string title, CancellationToken ct) => await CreateBatchAsync(title, await PlanAsync(null, ct), ct);

    public Task<JobBatch> CreateBatchAsync(string title, IReadOnlyCollection<NewJob> jobs, CancellationToken ct) =>
        queue.CreateBatchAsync(EmbedImagePayload.Kind, title, jobs, new { model = model.ModelId }, ct);

    private string Key(PendingRow[] chunk)
    {
        var text = string.Join(',', chunk.Select(r => $"{r.Id}={r.Stamp}"));
        return $"visual:{model.ModelId}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32]}";
    }
}

public sealed class PendingRow
{
    public int Id { get; set; }
    public string Stamp { get; set; } = "";
}
