using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Infrastructure.Events;

namespace TargetVision.Api.Infrastructure.Jobs;

/// <summary>A job to add: its payload and the key that makes adding it twice a no-op.</summary>
public sealed record NewJob(object Payload, string? IdempotencyKey);

/// <summary>
/// Adds work to the durable queue and controls batches (cancel, pause, resume, retry failed). Every method joins the
/// caller's transaction when there is one (so a feature can claim its subjects and create the batch atomically) and
/// opens its own otherwise.
/// </summary>
public sealed class JobQueue(AppDbContext db, EventPublisher events, JobTransitions transitions, IOptions<JobOptions> options, TimeProvider clock)
{
    /// <summary>
    /// Creates a batch and its jobs. Jobs whose key already exists are skipped, so the batch's total counts only
    /// what will really run. The jobs are of the batch's kind unless <paramref name="jobKind"/> says otherwise (a sync
    /// batch starts with the one job that finds its albums).
    /// </summary>
    public Task<JobBatch> CreateBatchAsync(string kind, string title, IReadOnlyCollection<NewJob> jobs, object? parameters, CancellationToken ct,
        int priority = 0, string? jobKind = null) =>
        InTransactionAsync(async () =>
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
            db.Add(batch);
            await db.SaveChangesAsync(ct);
            var inserted = await InsertJobsAsync(jobKind ?? kind, batch.Id, jobs, priority, ct);
            batch.Total = inserted;
            if (inserted == 0)
            {
                batch.Status = BatchStatus.Completed;
                batch.FinishedAt = clock.GetUtcNow();
            }
            await db.SaveChangesAsync(ct);
            await events.PublishAsync(BatchView.From(batch, clock.GetUtcNow()), ct);
            if (inserted > 0)
            {
                await events.PublishAsync(new JobsAvailable(jobKind ?? kind), ct);
            }
            return batch;
        }, ct);

    /// <summary>
    /// Adds jobs to a batch that is still running or paused (a job that expands a folder into album jobs); the
    /// batch's total grows by what was really inserted. Returns that count (0 for a cancelled or finished batch).
    /// </summary>
    public Task<int> AddToBatchAsync(Guid batchId, string kind, IReadOnlyCollection<NewJob> jobs, CancellationToken ct) =>
        InTransactionAsync(async () =>
        {
            var batch = await LockBatchAsync(batchId, ct);
            if (batch is null || batch.Status is not (BatchStatus.Running or BatchStatus.Paused))
            {
                return 0;
            }
            var inserted = await InsertJobsAsync(kind, batchId, jobs, 0, ct);
            if (inserted > 0)
            {
                batch.Total += inserted;
                await db.SaveChangesAsync(ct);
                await events.PublishAsync(BatchView.From(batch, clock.GetUtcNow()), ct);
                await events.PublishAsync(new JobsAvailable(kind), ct);
            }
            return inserted;
        }, ct);

    /// <summary>Adds one job outside any batch (follow-up work such as embedding a new description).</summary>
    public async Task<bool> EnqueueAsync(string kind, object payload, string? idempotencyKey, CancellationToken ct, int priority = 0)
    {
        var inserted = await InsertJobsAsync(kind, null, [new NewJob(payload, idempotencyKey)], priority, ct);
        if (inserted > 0)
        {
            await events.PublishAsync(new JobsAvailable(kind), ct);
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
        await using var borrowed = await db.Database.BorrowConnectionAsync(ct);
        // One statement for any number of jobs; ON CONFLICT makes re-adding the same key a no-op.
        await using var command = borrowed.Command("""
            INSERT INTO jobs (batch_id, kind, payload, idempotency_key, status, priority, attempts, max_attempts, run_after, created_at, updated_at)
            SELECT @batch, @kind, t.p::jsonb, t.k, 'Queued', @priority, 0, @max, now(), now(), now()
            FROM unnest(@payloads, @keys) AS t(p, k)
            ON CONFLICT (idempotency_key) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter("batch", NpgsqlDbType.Uuid) { Value = (object?)batchId ?? DBNull.Value });
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("priority", priority);
        command.Parameters.AddWithValue("max", options.Value.MaxAttempts);
        command.Parameters.Add(new NpgsqlParameter("payloads", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = payloads });
        command.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = keys });
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Drops queued jobs at once and tells every replica to cancel the batch's running ones.</summary>
    public Task<JobBatch?> CancelAsync(Guid batchId, CancellationToken ct) =>
        InTransactionAsync(async () =>
        {
            var batch = await LockBatchAsync(batchId, ct);
            if (batch is null)
            {
                return null;
            }
            if (batch.Status is BatchStatus.Running or BatchStatus.Paused)
            {
                var dropped = await TransitionAsync($"""
                    UPDATE jobs SET status = 'Cancelled', updated_at = now() WHERE batch_id = @batch AND status = 'Queued'
                    {JobTransitions.Returning}
                    """, batchId, ct);
                batch.Cancelled += dropped;
                batch.Status = BatchStatus.Cancelled;
                batch.FinishedAt = clock.GetUtcNow();
                await db.SaveChangesAsync(ct);
                await events.PublishAsync(new BatchCancelled(batchId), ct);
                await events.PublishAsync(BatchView.From(batch, clock.GetUtcNow()), ct);
            }
            return batch;
        }, ct);

    public Task<JobBatch?> PauseAsync(Guid batchId, CancellationToken ct) => SetStatusAsync(batchId, BatchStatus.Running, BatchStatus.Paused, ct);

    public Task<JobBatch?> ResumeAsync(Guid batchId, CancellationToken ct) => SetStatusAsync(batchId, BatchStatus.Paused, BatchStatus.Running, ct);

    /// <summary>Puts a batch's failed jobs back in the queue with fresh attempts.</summary>
    public Task<JobBatch?> RetryFailedAsync(Guid batchId, CancellationToken ct) =>
        InTransactionAsync(async () =>
        {
            var batch = await LockBatchAsync(batchId, ct);
            if (batch is null)
            {
                return null;
            }
            var requeued = await TransitionAsync($"""
                UPDATE jobs SET status = 'Queued', attempts = 0, run_after = now(), last_error = NULL, updated_at = now()
                WHERE batch_id = @batch AND status = 'Failed'
                {JobTransitions.Returning}
                """, batchId, ct);
            if (requeued > 0)
            {
                batch.Failed = Math.Max(0, batch.Failed - requeued);
                batch.Status = BatchStatus.Running;
                batch.FinishedAt = null;
                await db.SaveChangesAsync(ct);
                await events.PublishAsync(BatchView.From(batch, clock.GetUtcNow()), ct);
                await events.PublishAsync(new JobsAvailable(batch.Kind), ct);
            }
            return batch;
        }, ct);

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

    private Task<JobBatch?> SetStatusAsync(Guid batchId, BatchStatus from, BatchStatus to, CancellationToken ct) =>
        InTransactionAsync(async () =>
        {
            var batch = await LockBatchAsync(batchId, ct);
            if (batch is null)
            {
                return null;
            }
            if (batch.Status == from)
            {
                batch.Status = to;
                await db.SaveChangesAsync(ct);
                await events.PublishAsync(BatchView.From(batch, clock.GetUtcNow()), ct);
                if (to == BatchStatus.Running)
                {
                    await events.PublishAsync(new JobsAvailable(batch.Kind), ct);
                }
            }
            return batch;
        }, ct);

    private async Task<int> TransitionAsync(string sql, Guid batchId, CancellationToken ct)
    {
        await using var borrowed = await db.Database.BorrowConnectionAsync(ct);
        await using var command = borrowed.Command(sql);
        command.Parameters.AddWithValue("batch", batchId);
        return await transitions.RunAsync(command, ct);
    }

    private async Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await work();
        await transaction.CommitAsync(ct);
        return result;
    }

    // Row lock: counters are also changed by workers finishing jobs, so read-modify-write must be serialised.
    private Task<JobBatch?> LockBatchAsync(Guid batchId, CancellationToken ct) =>
        db.Set<JobBatch>().FromSql($"SELECT * FROM job_batches WHERE id = {batchId} FOR UPDATE").SingleOrDefaultAsync(ct);
}
