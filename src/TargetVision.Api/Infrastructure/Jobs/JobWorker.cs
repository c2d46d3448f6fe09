using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Infrastructure.Events;

namespace TargetVision.Api.Infrastructure.Jobs;

/// <summary>
/// Works the durable queue: claims jobs with FOR UPDATE SKIP LOCKED (so replicas never take the same row), keeps
/// their leases alive with a heartbeat, re-queues jobs whose lease expired (their replica died), retries transient
/// failures with exponential backoff and jitter, and cancels running jobs when their batch is cancelled anywhere.
/// </summary>
public sealed class JobWorker(
    NpgsqlDataSource dataSource,
    IServiceScopeFactory scopes,
    IEnumerable<JobKind> kinds,
    IEnumerable<JobFollowUp> followUps,
    EventHub hub,
    IOptions<JsonOptions> json,
    IServiceProviderIsKeyedService observedKinds,
    IOptions<JobOptions> options,
    ILogger<JobWorker> logger) : BackgroundService
{
    private readonly IReadOnlyList<JobKind> handledKinds = [.. kinds.DistinctBy(k => k.Name)];
    private readonly ConcurrentDictionary<long, RunningJob> running = new();
    private readonly SemaphoreSlim wake = new(0);
    // Host and pid make pg_locks/jobs rows readable; the guid keeps two workers in one process (tests) apart.
    private readonly string workerId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    private JobOptions Options => options.Value;

    public string WorkerId => workerId;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Options.WorkerEnabled || handledKinds.Count == 0)
        {
            return;
        }
        using var subscription = hub.Subscribe();
        var listener = ListenAsync(subscription, stoppingToken);
        var maintenance = MaintainAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var claimed = 0;
                var mayHaveMore = false;
                // Each kind has its own slots, so a long AI batch never starves a sync (and the reverse).
                foreach (var kind in handledKinds)
                {
                    var free = LimitOf(kind) - running.Values.Count(r => r.Job.Kind == kind.Name);
                    if (free <= 0)
                    {
                        continue;
                    }
                    try
                    {
                        var jobs = await ClaimAsync(kind.Name, free, stoppingToken);
                        foreach (var job in jobs)
                        {
                            claimed++;
                            Start(job, stoppingToken);
                        }
                        mayHaveMore |= jobs.Count == free; // a full claim: there may be more right away
                    }
                    catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                    {
                        logger.LogWarning("Claiming {Kind} jobs failed: {Reason}", kind.Name, ex.Message);
                    }
                }
                if (claimed == 0 || !mayHaveMore)
                {
                    await wake.WaitAsync(TimeSpan.FromSeconds(Options.PollSeconds), stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await DrainAsync();
        await Task.WhenAll(listener, maintenance).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>On shutdown: give running jobs the grace period, then hand unfinished ones back to the queue.</summary>
    private async Task DrainAsync()
    {
        var inFlight = running.Values.Select(r => r.Task).ToArray();
        if (inFlight.Length == 0)
        {
            return;
        }
        logger.LogInformation("Waiting for {Count} running job(s) before shutdown", inFlight.Length);
        await Task.WhenAll(inFlight).WaitAsync(TimeSpan.FromSeconds(Math.Max(1, Options.LeaseSeconds / 2))).ContinueWith(_ => { }, TaskScheduler.Default);
        foreach (var job in running.Values)
        {
            job.Cancellation.Cancel();
        }
        await Task.WhenAll(running.Values.Select(r => r.Task)).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private int LimitOf(JobKind kind) =>
        Options.KindConcurrency.TryGetValue(kind.Name, out var configured) ? configured : kind.DefaultConcurrency ?? Options.Concurrency;

    /// <summary>Claims up to <paramref name="count"/> jobs and tells the kind's observers, in one transaction.</summary>
    private async Task<List<ClaimedJob>> ClaimAsync(string kind, int count, CancellationToken ct)
    {
        if (!observedKinds.IsKeyedService(typeof(IJobTransitionObserver), kind))
        {
            // Nobody keeps state about this kind's subjects: one autocommit statement on a pooled connection.
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            return await ClaimRowsAsync(new NpgsqlCommand(ClaimSql, connection), kind, count, ct);
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        List<ClaimedJob> jobs;
        await using (var borrowed = await db.Database.BorrowConnectionAsync(ct))
        {
            jobs = await ClaimRowsAsync(borrowed.Command(ClaimSql), kind, count, ct);
        }
        await scope.ServiceProvider.GetRequiredService<JobTransitions>().NotifyAsync(kind,
            [.. jobs.Select(j => Transition(j, JobStatus.Running, null))], ct);
        await transaction.CommitAsync(ct);
        return jobs;
    }

    private const string ClaimSql = """
        UPDATE jobs j SET status = 'Running', locked_by = @worker, locked_until = now() + make_interval(secs => @lease),
               attempts = j.attempts + 1, updated_at = now()
        WHERE j.id IN (
            SELECT q.id FROM jobs q
            LEFT JOIN job_batches b ON b.id = q.batch_id
            WHERE q.status = 'Queued' AND q.run_after <= now() AND q.kind = @kind AND (q.batch_id IS NULL OR b.status = 'Running')
            ORDER BY q.priority DESC, q.run_after, q.id
            LIMIT @count
            FOR UPDATE OF q SKIP LOCKED)
        RETURNING j.id, j.batch_id, j.kind, j.payload::text, j.attempts, j.max_attempts
        """;

    private async Task<List<ClaimedJob>> ClaimRowsAsync(NpgsqlCommand command, string kind, int count, CancellationToken ct)
    {
        await using (command)
        {
            command.Parameters.AddWithValue("worker", workerId);
            command.Parameters.AddWithValue("lease", (double)Options.LeaseSeconds);
            command.Parameters.AddWithValue("count", count);
            command.Parameters.AddWithValue("kind", kind);
            var jobs = new List<ClaimedJob>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                jobs.Add(new ClaimedJob(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetGuid(1), reader.GetString(2),
                    reader.GetString(3), reader.GetInt32(4), reader.GetInt32(5)));
            }
            return jobs;
        }
    }

    private static JobTransition Transition(ClaimedJob job, JobStatus to, string? error)
    {
        using var payload = JsonDocument.Parse(job.PayloadJson);
        return new JobTransition(job.Id, job.BatchId, payload.RootElement.Clone(), to, error);
    }

    private void Start(ClaimedJob job, CancellationToken stoppingToken)
    {
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var entry = new RunningJob(job, cancellation);
        running[job.Id] = entry;
        entry.Task = Task.Run(async () =>
        {
            try
            {
                await RunAsync(entry, stoppingToken);
            }
            finally
            {
                running.TryRemove(job.Id, out _);
                cancellation.Dispose();
                wake.Release();
            }
        }, CancellationToken.None);
    }

    private async Task RunAsync(RunningJob entry, CancellationToken stoppingToken)
    {
        var job = entry.Job;
        await using var scope = scopes.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetKeyedService<IJobHandler>(job.Kind);
        if (handler is null)
        {
            await FinishAsync(job, JobStatus.Failed, $"No handler for job kind '{job.Kind}'.", null, 0, null);
            return;
        }
        using var payload = JsonDocument.Parse(job.PayloadJson);
        var context = new JobContext(job.Id, job.BatchId, job.Kind, payload.RootElement, job.Attempts);
        try
        {
            var result = await handler.HandleAsync(context, entry.Cancellation.Token);
            await FinishAsync(job, JobStatus.Succeeded, null, result.Result, result.CostUsd, null);
        }
        catch (OperationCanceledException) when (entry.CancelledByUser)
        {
            await FinishAsync(job, JobStatus.Cancelled, "Cancelled by the user.", null, 0, null);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: hand the job back without counting this attempt, another replica (or our restart) takes it.
            await ReleaseAsync(job);
        }
        catch (JobHandBackException ex)
        {
            logger.LogInformation("Job {JobId} ({Kind}) handed back: {Reason}", job.Id, job.Kind, ex.Message);
            await ReleaseAsync(job);
        }
        catch (PermanentJobException ex)
        {
            await FinishAsync(job, JobStatus.Failed, ex.Message, null, 0, null);
        }
        catch (Exception ex)
        {
            var retryAfter = (ex as RetryLaterException)?.RetryAfter;
            if (job.Attempts >= job.MaxAttempts)
            {
                logger.LogWarning(ex, "Job {JobId} ({Kind}) gave up after {Attempts} attempts", job.Id, job.Kind, job.Attempts);
                await FinishAsync(job, JobStatus.Failed, $"{Describe(ex)} (gave up after {job.Attempts} attempts)", null, 0, null);
            }
            else
            {
                var delay = retryAfter ?? Backoff(job.Attempts);
                logger.LogInformation("Job {JobId} ({Kind}) attempt {Attempt} failed: {Error}; retrying in {Delay} s",
                    job.Id, job.Kind, job.Attempts, Describe(ex), Math.Round(delay.TotalSeconds, 1));
                await FinishAsync(job, JobStatus.Queued, Describe(ex), null, 0, delay);
            }
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var seconds = Math.Min(300, Options.RetryBaseSeconds * Math.Pow(2, attempt - 1));
        // Full jitter spreads retries of many jobs that failed together (a 429 burst) over the window.
        return TimeSpan.FromSeconds(seconds / 2 + Random.Shared.NextDouble() * seconds / 2);
    }

    private static string Describe(Exception ex) => ex is RetryLaterException or PermanentJobException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";

    /// <summary>
    /// Records the outcome, moves the batch counters, tells the kind's observers and queues declared follow-ups in one
    /// transaction, only if this worker still holds the lease — a job whose lease expired was re-queued and belongs
    /// to someone else now.
    /// </summary>
    private async Task FinishAsync(ClaimedJob job, JobStatus status, string? error, object? result, decimal cost, TimeSpan? retryIn)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            var resultJson = result is null ? null : JsonSerializer.Serialize(result, JsonSerializerOptions.Web);
            JobBatch? batch = null;
            await using (var borrowed = await db.Database.BorrowConnectionAsync(CancellationToken.None))
            {
                await using (var update = borrowed.Command("""
                    UPDATE jobs SET status = @status, last_error = @error, result = @result::jsonb, locked_by = NULL, locked_until = NULL,
                           run_after = CASE WHEN @retry IS NULL THEN run_after ELSE now() + make_interval(secs => @retry) END, updated_at = now()
                    WHERE id = @id AND locked_by = @worker AND status = 'Running'
                    """))
                {
                    update.Parameters.AddWithValue("status", status.ToString());
                    update.Parameters.AddWithValue("error", (object?)Truncate(error) ?? DBNull.Value);
                    update.Parameters.AddWithValue("result", (object?)resultJson ?? DBNull.Value);
                    update.Parameters.Add(new NpgsqlParameter("retry", NpgsqlTypes.NpgsqlDbType.Double) { Value = retryIn is { } r ? r.TotalSeconds : DBNull.Value });
                    update.Parameters.AddWithValue("id", job.Id);
                    update.Parameters.AddWithValue("worker", workerId);
                    if (await update.ExecuteNonQueryAsync(CancellationToken.None) == 0)
                    {
                        logger.LogWarning("Job {JobId} lost its lease before finishing; its result was discarded", job.Id);
                        return;
                    }
                }
            }
            await scope.ServiceProvider.GetRequiredService<JobTransitions>().NotifyAsync(job.Kind, [Transition(job, status, Truncate(error))], CancellationToken.None);
            if (status == JobStatus.Succeeded)
            {
                await QueueFollowUpsAsync(scope.ServiceProvider, job, resultJson);
            }
            // The batch row is shared by every job of the batch: lock it last, so finishing jobs queue on it only for
            // the counter update and the commit.
            if (job.BatchId is { } batchId && status != JobStatus.Queued)
            {
                await using var borrowed = await db.Database.BorrowConnectionAsync(CancellationToken.None);
                batch = await CountAsync(borrowed, batchId, status, cost);
            }
            if (batch is not null)
            {
                await scope.ServiceProvider.GetRequiredService<EventPublisher>().PublishAsync(BatchView.From(batch, DateTimeOffset.UtcNow), CancellationToken.None);
            }
            await transaction.CommitAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The lease will expire and the job will run again; handlers and transition observers are idempotent.
            logger.LogError("Recording the outcome of job {JobId} failed: {Reason}", job.Id, ex.Message);
        }
    }

    private static async Task<JobBatch?> CountAsync(BorrowedConnection borrowed, Guid batchId, JobStatus status, decimal cost)
    {
        await using var counters = borrowed.Command("""
            UPDATE job_batches SET
                done = done + @done, failed = failed + @failed, cancelled = cancelled + @cancelled, cost_usd = cost_usd + @cost,
                status = CASE WHEN status IN ('Running', 'Paused') AND done + failed + cancelled + 1 >= total THEN 'Completed' ELSE status END,
                finished_at = CASE WHEN status IN ('Running', 'Paused') AND done + failed + cancelled + 1 >= total THEN now() ELSE finished_at END
            WHERE id = @id
            RETURNING id, kind, title, status, total, done, failed, cancelled, cost_usd, created_at, finished_at
            """);
        counters.Parameters.AddWithValue("done", status == JobStatus.Succeeded ? 1 : 0);
        counters.Parameters.AddWithValue("failed", status == JobStatus.Failed ? 1 : 0);
        counters.Parameters.AddWithValue("cancelled", status == JobStatus.Cancelled ? 1 : 0);
        counters.Parameters.AddWithValue("cost", cost);
        counters.Parameters.AddWithValue("id", batchId);
        await using var reader = await counters.ExecuteReaderAsync(CancellationToken.None);
        if (!await reader.ReadAsync(CancellationToken.None))
        {
            return null;
        }
        return new JobBatch
        {
            Id = reader.GetGuid(0),
            Kind = reader.GetString(1),
            Title = reader.GetString(2),
            Status = Enum.Parse<BatchStatus>(reader.GetString(3)),
            Total = reader.GetInt32(4),
            Done = reader.GetInt32(5),
            Failed = reader.GetInt32(6),
            Cancelled = reader.GetInt32(7),
            CostUsd = reader.GetDecimal(8),
            CreatedAt = reader.GetFieldValue<DateTimeOffset>(9),
            FinishedAt = reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
        };
    }

    private async Task QueueFollowUpsAsync(IServiceProvider services, ClaimedJob job, string? resultJson)
    {
        var declared = followUps.Where(f => f.After == job.Kind).ToList();
        if (declared.Count == 0)
        {
            return;
        }
        using var payload = JsonDocument.Parse(job.PayloadJson);
        using var result = resultJson is null ? null : JsonDocument.Parse(resultJson);
        var queue = services.GetRequiredService<JobQueue>();
        foreach (var followUp in declared)
        {
            if (followUp.Create(payload.RootElement, result?.RootElement) is { } next)
            {
                await queue.EnqueueAsync(followUp.Then, next.Payload, next.IdempotencyKey, CancellationToken.None);
            }
        }
    }

    private async Task ReleaseAsync(ClaimedJob job)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            await using (var borrowed = await db.Database.BorrowConnectionAsync(CancellationToken.None))
            {
                await using var command = borrowed.Command($"""
                    UPDATE jobs SET status = 'Queued', attempts = greatest(attempts - 1, 0), locked_by = NULL, locked_until = NULL, updated_at = now()
                    WHERE id = @id AND locked_by = @worker AND status = 'Running'
                    {JobTransitions.Returning}
                    """);
                command.Parameters.AddWithValue("id", job.Id);
                command.Parameters.AddWithValue("worker", workerId);
                await scope.ServiceProvider.GetRequiredService<JobTransitions>().RunAsync(command, CancellationToken.None);
            }
            await transaction.CommitAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Releasing job {JobId} failed ({Reason}); its lease will expire", job.Id, ex.Message);
        }
    }

    /// <summary>Heartbeat for our leases, re-queue of expired ones (any replica's), pruning of old events.</summary>
    private async Task MaintainAsync(CancellationToken ct)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, Options.LeaseSeconds / 3.0));
        var lastPrune = DateTimeOffset.MinValue;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, ct);
                await using var connection = await dataSource.OpenConnectionAsync(ct);
                var ids = running.Keys.ToArray();
                if (ids.Length > 0)
                {
                    await using var renew = new NpgsqlCommand(
                        "UPDATE jobs SET locked_until = now() + make_interval(secs => @lease) WHERE id = ANY(@ids) AND locked_by = @worker AND status = 'Running'", connection);
                    renew.Parameters.AddWithValue("lease", (double)Options.LeaseSeconds);
                    renew.Parameters.AddWithValue("ids", ids);
                    renew.Parameters.AddWithValue("worker", workerId);
                    await renew.ExecuteNonQueryAsync(ct);
                }
                var reclaimed = await ReclaimExpiredAsync(ct);
                if (reclaimed > 0)
                {
                    logger.LogWarning("Re-queued {Count} job(s) whose worker stopped renewing its lease", reclaimed);
                    wake.Release();
                }
                if (DateTimeOffset.UtcNow - lastPrune > TimeSpan.FromMinutes(10))
                {
                    await using var prune = new NpgsqlCommand("DELETE FROM events WHERE created_at < now() - make_interval(hours => @hours)", connection);
                    prune.Parameters.AddWithValue("hours", Options.EventRetentionHours);
                    await prune.ExecuteNonQueryAsync(ct);
                    lastPrune = DateTimeOffset.UtcNow;
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Job maintenance failed: {Reason}", ex.Message);
            }
        }
    }

    /// <summary>Expired leases go back to the queue; the attempt they used still counts, so a poison job ends.</summary>
    private async Task<int> ReclaimExpiredAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        int reclaimed;
        await using (var borrowed = await db.Database.BorrowConnectionAsync(ct))
        {
            await using var command = borrowed.Command($"""
                UPDATE jobs SET status = 'Queued', locked_by = NULL, locked_until = NULL, run_after = now(), updated_at = now(),
                       last_error = coalesce(last_error, 'Worker stopped while running this job; re-queued.')
                WHERE status = 'Running' AND locked_until < now()
                {JobTransitions.Returning}
                """);
            reclaimed = await scope.ServiceProvider.GetRequiredService<JobTransitions>().RunAsync(command, ct);
        }
        await transaction.CommitAsync(ct);
        return reclaimed;
    }

    private async Task ListenAsync(EventHub.Subscription subscription, CancellationToken ct)
    {
        try
        {
            await foreach (var message in subscription.Reader.ReadAllAsync(ct))
            {
                if (message.Type == JobsAvailable.Type)
                {
                    wake.Release();
                }
                else if (EventPublisher.Read<BatchCancelled>(message, json.Value.SerializerOptions) is { } cancelled)
                {
                    foreach (var job in running.Values.Where(r => r.Job.BatchId == cancelled.BatchId))
                    {
                        job.CancelByUser();
                    }
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private static string? Truncate(string? value) => value is { Length: > 2000 } ? value[..2000] : value;

    private sealed record ClaimedJob(long Id, Guid? BatchId, string Kind, string PayloadJson, int Attempts, int MaxAttempts);

    private sealed class RunningJob(ClaimedJob job, CancellationTokenSource cancellation)
    {
        public ClaimedJob Job { get; } = job;
        public CancellationTokenSource Cancellation { get; } = cancellation;
        public Task Task { get; set; } = Task.CompletedTask;
        public bool CancelledByUser { get; private set; }

        public void CancelByUser()
        {
            CancelledByUser = true;
            Cancellation.Cancel();
        }
    }
}
