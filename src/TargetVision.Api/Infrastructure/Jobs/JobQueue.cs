using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Infrastructure.Events;

namespace TargetVision.Api.Infrastructure.Jobs;

/// <summary>A job to add: its payload and the key that makes adding it twice a no-op.</summary>
public sealed record NewJob(object Payload, string? IdempotencyKey);

/// <summary>Adds work to the durable queue and controls batches (cancel, pause, resume, retry failed).</summary>
public sealed class JobQueue(AppDbContext db, EventPublisher events, IOptions<JobOptions> options, TimeProvider clock)
{
    public const string WakeEvent = "jobs.available";
    public const string BatchCancelledEvent = "batch.cancelled";
    public const string BatchProgressEvent = "batch.progress";

    /// <summary>
    /// Creates a batch and its jobs in one transaction. Jobs whose key already exists are skipped, so the batch's
    /// total counts only what will really run.
    /// </summary>
    public async Task<JobBatch> CreateBatchAsync(string kind, string title, IReadOnlyCollection<NewJob> jobs, object? parameters, CancellationToken ct, int priority = 0)
    {
        var batch = new JobBatch
        {
            Id = Guid.CreateVersion7(),
            Kind = kind,
            Title = title.Length > 300 ? title[..300] : title,
            Status = BatchStatus.Running,
            CreatedAt = clock.GetUtcNow(),
            Parameters = parameters is null ? null : JsonSerializer.SerializeToDocument(parameters, JsonSerializerOptions.Web),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Add(batch);
        await db.SaveChangesAsync(ct);
        var inserted = await InsertJobsAsync(kind, batch.Id, jobs, priority, ct);
        batch.Total = inserted;
        if (inserted == 0)
        {
            batch.Status = BatchStatus.Completed;
            batch.FinishedAt = clock.GetUtcNow();
        }
        await db.SaveChangesAsync(ct);
        await events.PublishAsync(BatchProgressEvent, BatchView.From(batch, clock.GetUtcNow()), ct);
        if (inserted > 0)
        {
            await events.PublishAsync(WakeEvent, new { kind }, ct);
        }
        await transaction.CommitAsync(ct);
        return batch;
    }

    /// <summary>Adds one job outside any batch (follow-up work such as embedding a new description).</summary>
    public async Task<bool> EnqueueAsync(string kind, object payload, string? idempotencyKey, CancellationToken ct, int priority = 0)
    {
        var inserted = await InsertJobsAsync(kind, null, [new NewJob(payload, idempotencyKey)], priority, ct);
        if (inserted > 0)
        {
            await events.PublishAsync(WakeEvent, new { kind }, ct);
        }
        return inserted > 0;
    }

    private async Task<int> InsertJobsAsync(string kind, Guid? batchId, IReadOnlyCollection<NewJob> jobs, int priority, CancellationToken ct)
    {
        if (jobs.Count == 0)
        {
            return 0;
        }
        var payloads = jobs.Select(j => JsonSerializer.Serialize(j.Payload, JsonSerializerOptions.Web)).ToArray();
        var keys = jobs.Select(j => j.IdempotencyKey).ToArray();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction;
            // One statement for any number of jobs; ON CONFLICT makes re-adding the same key a no-op.
            await using var command = new NpgsqlCommand("""
                INSERT INTO jobs (batch_id, kind, payload, idempotency_key, status, priority, attempts, max_attempts, run_after, created_at, updated_at)
                SELECT @batch, @kind, t.p::jsonb, t.k, 'Queued', @priority, 0, @max, now(), now(), now()
                FROM unnest(@payloads, @keys) AS t(p, k)
                ON CONFLICT (idempotency_key) DO NOTHING
                """, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter("batch", NpgsqlDbType.Uuid) { Value = (object?)batchId ?? DBNull.Value });
            command.Parameters.AddWithValue("kind", kind);
            command.Parameters.AddWithValue("priority", priority);
            command.Parameters.AddWithValue("max", options.Value.MaxAttempts);
            command.Parameters.Add(new NpgsqlParameter("payloads", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = payloads });
            command.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = keys });
            return await command.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Drops queued jobs at once and tells every replica to cancel the batch's running ones.</summary>
    public async Task<JobBatch?> CancelAsync(Guid batchId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var batch = await LockBatchAsync(batchId, ct);
        if (batch is null)
        {
            return null;
        }
        if (batch.Status is BatchStatus.Running or BatchStatus.Paused)
        {
            var dropped = await db.Set<Job>().Where(j => j.BatchId == batchId && j.Status == JobStatus.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, JobStatus.Cancelled).SetProperty(j => j.UpdatedAt, clock.GetUtcNow()), ct);
            batch.Cancelled += dropped;
            batch.Status = BatchStatus.Cancelled;
            batch.FinishedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            await events.PublishAsync(BatchCancelledEvent, new { batchId }, ct);
            await events.PublishAsync(BatchProgressEvent, BatchView.From(batch, clock.GetUtcNow()), ct);
        }
        await transaction.CommitAsync(ct);
        return batch;
    }

    public Task<JobBatch?> PauseAsync(Guid batchId, CancellationToken ct) => SetStatusAsync(batchId, BatchStatus.Running, BatchStatus.Paused, ct);

    public Task<JobBatch?> ResumeAsync(Guid batchId, CancellationToken ct) => SetStatusAsync(batchId, BatchStatus.Paused, BatchStatus.Running, ct);

    /// <summary>Puts a batch's failed jobs back in the queue with fresh attempts.</summary>
    public async Task<JobBatch?> RetryFailedAsync(Guid batchId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var batch = await LockBatchAsync(batchId, ct);
        if (batch is null)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var requeued = await db.Set<Job>().Where(j => j.BatchId == batchId && j.Status == JobStatus.Failed)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, JobStatus.Queued).SetProperty(j => j.Attempts, 0)
                .SetProperty(j => j.RunAfter, now).SetProperty(j => j.LastError, (string?)null).SetProperty(j => j.UpdatedAt, now), ct);
        if (requeued > 0)
        {
            batch.Failed -= requeued;
            batch.Status = BatchStatus.Running;
            batch.FinishedAt = null;
            await db.SaveChangesAsync(ct);
            await events.PublishAsync(BatchProgressEvent, BatchView.From(batch, now), ct);
            await events.PublishAsync(WakeEvent, new { kind = batch.Kind }, ct);
        }
        await transaction.CommitAsync(ct);
        return batch;
    }

    /// <summary>Cancels every running or paused batch (the "clear queue" button).</summary>
    public async Task<int> CancelAllAsync(CancellationToken ct)
    {
        var active = await db.Set<JobBatch>().Where(b => b.Status == BatchStatus.Running || b.Status == BatchStatus.Paused).Select(b => b.Id).ToListAsync(ct);
        foreach (var id in active)
        {
            await CancelAsync(id, ct);
        }
        return active.Count;
    }

    private async Task<JobBatch?> SetStatusAsync(Guid batchId, BatchStatus from, BatchStatus to, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var batch = await LockBatchAsync(batchId, ct);
        if (batch is null)
        {
            return null;
        }
        if (batch.Status == from)
        {
            batch.Status = to;
            await db.SaveChangesAsync(ct);
            await events.PublishAsync(BatchProgressEvent, BatchView.From(batch, clock.GetUtcNow()), ct);
            if (to == BatchStatus.Running)
            {
                await events.PublishAsync(WakeEvent, new { kind = batch.Kind }, ct);
            }
        }
        await transaction.CommitAsync(ct);
        return batch;
    }

    // Row lock: counters are also changed by workers finishing jobs, so read-modify-write must be serialised.
    private Task<JobBatch?> LockBatchAsync(Guid batchId, CancellationToken ct) =>
        db.Set<JobBatch>().FromSql($"SELECT * FROM job_batches WHERE id = {batchId} FOR UPDATE").SingleOrDefaultAsync(ct);
}
