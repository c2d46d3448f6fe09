using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TargetVision.Api.Features.Processing;
using TargetVision.Api.Features.SmugMug;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Infrastructure.Events;
using TargetVision.Api.Infrastructure.Jobs;
using TargetVision.Api.Integrations.SmugMug;

namespace TargetVision.Api.Features.Autopilot;

/// <summary>What one tick did: the run it started (if any) and how many runs it moved on.</summary>
public sealed record TickOutcome(AutopilotRun? Started, int Advanced);

/// <summary>
/// One scheduler tick, safe on every replica at once: the whole tick holds a PostgreSQL transaction-scoped advisory
/// lock, so replicas tick one after another and each sees what the previous one started; the run key (slot and
/// attempt) is unique besides. A tick starts the due run (an incremental sync of the account or the chosen folders,
/// as the usual sync batch), and moves running runs on: a finished sync leads to the auto-describe batch of the photos
/// that are new or whose file changed, a finished describe batch completes the run, a budget-paused run resumes when
/// the caps allow. A failed run is retried on the first tick at least one tick interval after it failed.
/// </summary>
public sealed class AutopilotRunner(
    AppDbContext db,
    AutopilotSettingsStore settingsStore,
    AutopilotBudget budget,
    SmugMugSyncStarter syncStarter,
    ProcessingPlanner planner,
    PromptStore prompts,
    DescribeBatchCreator describer,
    EventPublisher events,
    IOptions<AutopilotOptions> options,
    ILogger<AutopilotRunner> logger)
{
    /// <summary>An arbitrary constant naming the autopilot's advisory lock.</summary>
    private const long LockKey = 0x5456_4150_494C_4F54; // "TVAPILOT"

    public const string ScheduleTrigger = "schedule";
    public const string ManualTrigger = "manual";

    public async Task<TickOutcome> TickAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(ct);
        var settings = await settingsStore.GetAsync(ct);
        var advanced = await AdvanceAsync(settings, now, ct);
        AutopilotRun? started = null;
        if (AutopilotSchedule.LatestSlot(settings, now, settingsStore.ScheduleHour) is { } slot)
        {
            var last = await db.Set<AutopilotRun>().Where(r => r.Trigger == ScheduleTrigger && r.Slot == slot)
                .OrderByDescending(r => r.Attempt).FirstOrDefaultAsync(ct);
            var retryAfter = TimeSpan.FromSeconds(options.Value.TickSeconds);
            if (last is null || (last.Status == RunStatus.Failed && last.FinishedAt is { } failedAt && now - failedAt >= retryAfter))
            {
                started = await StartAsync(settings, ScheduleTrigger, slot, (last?.Attempt ?? 0) + 1, now, ct);
            }
        }
        await transaction.CommitAsync(ct);
        return new TickOutcome(started, advanced);
    }

    /// <summary>"Run now": a run outside the schedule, under the same lock.</summary>
    public async Task<AutopilotRun> RunNowAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(ct);
        var settings = await settingsStore.GetAsync(ct);
        var run = await StartAsync(settings, ManualTrigger, now, 1, now, ct);
        await transaction.CommitAsync(ct);
        return run;
    }

    private Task<int> LockAsync(CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", ct);

    private async Task<AutopilotRun> StartAsync(AutopilotSettings settings, string trigger, DateTimeOffset slot, int attempt, DateTimeOffset now, CancellationToken ct)
    {
        var run = new AutopilotRun
        {
            RunKey = trigger == ScheduleTrigger ? $"{slot.UtcDateTime:yyyy-MM-ddTHH:mm}Z#{attempt}" : $"manual:{Guid.CreateVersion7():N}",
            Trigger = trigger,
            Slot = slot,
            Attempt = attempt,
            Status = RunStatus.Syncing,
            StartedAt = now,
        };
        db.Add(run);
        await db.SaveChangesAsync(ct);
        try
        {
            if (settings.FolderNodeIds.Count == 0)
            {
                run.SyncBatchIds.Add((await syncStarter.StartFolderAsync(null, ct)).Id);
            }
            else
            {
                foreach (var nodeId in settings.FolderNodeIds)
                {
                    run.SyncBatchIds.Add((await syncStarter.StartFolderAsync(nodeId, ct)).Id);
                }
            }
        }
        catch (SmugMugApiException e)
        {
            Fail(run, $"Sync could not start: {e.Message}", now);
        }
        db.Entry(run).Property(r => r.SyncBatchIds).IsModified = true;
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Autopilot run {RunId} ({Trigger}, attempt {Attempt}) started: {Status}", run.Id, trigger, attempt, run.Status);
        await events.PublishAsync(RunView.From(run), ct);
        return run;
    }

    private static void Fail(AutopilotRun run, string error, DateTimeOffset now)
    {
        run.Status = RunStatus.Failed;
        run.Error = error.Length > 2000 ? error[..2000] : error;
        run.FinishedAt = now;
    }

    private async Task<int> AdvanceAsync(AutopilotSettings settings, DateTimeOffset now, CancellationToken ct)
    {
        var active = await db.Set<AutopilotRun>()
            .Where(r => r.Status == RunStatus.Syncing || r.Status == RunStatus.Describing || r.Status == RunStatus.Paused)
            .OrderBy(r => r.Id).ToListAsync(ct);
        var advanced = 0;
        foreach (var run in active)
        {
            var before = (run.Status, run.Described, run.CostUsd);
            if (run.Status == RunStatus.Syncing)
            {
                await AdvanceSyncAsync(settings, run, now, ct);
            }
            else
            {
                await AdvanceDescribeAsync(settings, run, now, ct);
            }
            if (before != (run.Status, run.Described, run.CostUsd))
            {
                advanced++;
                await db.SaveChangesAsync(ct);
                await events.PublishAsync(RunView.From(run), ct);
            }
        }
        return advanced;
    }

    private sealed record SyncTally(int Added, int Updated, int Removed, int Failed, int Succeeded, string? FirstError);

    private async Task AdvanceSyncAsync(AutopilotSettings settings, AutopilotRun run, DateTimeOffset now, CancellationToken ct)
    {
        var ids = run.SyncBatchIds.ToArray();
        var batches = await db.Set<JobBatch>().AsNoTracking().Where(b => ids.Contains(b.Id)).ToListAsync(ct);
        if (batches.Any(b => b.Status is BatchStatus.Running or BatchStatus.Paused))
        {
            return;
        }
        var tally = await db.Database.SqlQuery<SyncTally>($"""
            SELECT coalesce(sum((result->>'added')::int) FILTER (WHERE kind = {AlbumSyncPayload.Kind} AND status = 'Succeeded'), 0)::int AS added,
                   coalesce(sum((result->>'updated')::int) FILTER (WHERE kind = {AlbumSyncPayload.Kind} AND status = 'Succeeded'), 0)::int AS updated,
                   coalesce(sum((result->>'removed')::int) FILTER (WHERE kind = {AlbumSyncPayload.Kind} AND status = 'Succeeded'), 0)::int AS removed,
                   count(*) FILTER (WHERE status = 'Failed')::int AS failed,
                   count(*) FILTER (WHERE status = 'Succeeded')::int AS succeeded,
                   min(last_error) FILTER (WHERE status = 'Failed') AS first_error
            FROM jobs WHERE batch_id = ANY({ids})
            """).SingleAsync(ct);
        run.Added = tally.Added;
        run.Updated = tally.Updated;
        run.Removed = tally.Removed;
        run.Failed = tally.Failed;
        if (batches.Count < ids.Length || batches.Any(b => b.Status == BatchStatus.Cancelled))
        {
            Fail(run, "The sync was cancelled.", now);
            return;
        }
        if (tally.Failed > 0 && tally.Succeeded == 0)
        {
            Fail(run, $"The sync failed: {tally.FirstError}", now);
            return;
        }
        if (tally.Failed > 0)
        {
            run.Error = $"{tally.Failed} sync job(s) failed: {tally.FirstError}";
        }

        var candidates = await ChangedPhotosAsync(ids, ct);
        if (!settings.AutoDescribe || candidates.Count == 0)
        {
            Complete(run, now);
            return;
        }
        var (model, modelError) = await planner.ResolveModelAsync(settings.Model, ct);
        var prompt = await prompts.ResolveAsync(settings.PromptId, ct);
        if (model is null || prompt is null)
        {
            Fail(run, $"Auto-describe could not start: {modelError ?? "the chosen prompt no longer exists."}", now);
            return;
        }
        var plan = new ProcessingPlan([.. candidates.Select(c => (c.Id, c.Width, c.Height))], 0, 0, model, prompt,
            $"Autopilot: describe {candidates.Count} new or changed photo(s) ({model.Label})");
        var batch = await describer.CreateAsync(plan, new { autopilotRunId = run.Id, model = model.Id, promptId = prompt.Id, promptVersion = prompt.Version }, ct);
        run.DescribeBatchId = batch.Id;
        run.ToDescribe = batch.Total;
        run.Status = batch.Status == BatchStatus.Completed ? RunStatus.Completed : RunStatus.Describing;
        if (run.Status == RunStatus.Completed)
        {
            run.FinishedAt = now;
        }
    }

    private static void Complete(AutopilotRun run, DateTimeOffset now)
    {
        run.Status = RunStatus.Completed;
        run.FinishedAt = now;
    }

    private async Task AdvanceDescribeAsync(AutopilotSettings settings, AutopilotRun run, DateTimeOffset now, CancellationToken ct)
    {
        var batch = run.DescribeBatchId is { } id ? await db.Set<JobBatch>().AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct) : null;
        if (batch is null)
        {
            Fail(run, "The describe batch is gone.", now);
            return;
        }
        run.Described = batch.Done;
        run.CostUsd = batch.CostUsd;
        if (batch.Status is BatchStatus.Completed or BatchStatus.Cancelled)
        {
            run.Failed += batch.Failed;
            if (batch.Status == BatchStatus.Cancelled)
            {
                run.Error = "The describe batch was cancelled.";
            }
            run.PausedReason = null;
            Complete(run, now);
            return;
        }
        if (run.Status == RunStatus.Paused)
        {
            await budget.TryResumeAsync(run, settings, ct);
        }
    }

    private sealed record Candidate(int Id, int? Width, int? Height);

    /// <summary>
    /// Photos of the albums this run synced that have no description yet, or whose file changed (serial or MD5) since
    /// autopilot last saw them; metadata edits — the photographer's or our own write-back — never count. Every photo of
    /// those albums is then stamped as seen.
    /// </summary>
    private async Task<List<Candidate>> ChangedPhotosAsync(Guid[] syncBatchIds, CancellationToken ct)
    {
        var candidates = await db.Database.SqlQuery<Candidate>($"""
            WITH synced AS (
                SELECT DISTINCT payload->>'albumKey' AS album_key FROM jobs
                WHERE batch_id = ANY({syncBatchIds}) AND kind = {AlbumSyncPayload.Kind} AND status = 'Succeeded'),
            scope AS (
                SELECT p.* FROM photos p JOIN albums a ON a.id = p.album_id JOIN synced s ON s.album_key = a.album_key
                WHERE p.deleted_at IS NULL)
            SELECT p.id, p.width, p.height FROM scope p
            LEFT JOIN autopilot_photo_stamps st ON st.photo_id = p.id
            WHERE NOT p.is_video AND p.work_state IS NULL
              AND (p.current_ai_version_id IS NULL
                   OR (st.photo_id IS NOT NULL AND (st.serial <> p.serial OR st.archived_md5 IS DISTINCT FROM p.archived_md5)))
            ORDER BY p.id
            """).ToListAsync(ct);
        await db.Database.ExecuteSqlAsync($"""
            WITH synced AS (
                SELECT DISTINCT payload->>'albumKey' AS album_key FROM jobs
                WHERE batch_id = ANY({syncBatchIds}) AND kind = {AlbumSyncPayload.Kind} AND status = 'Succeeded')
            INSERT INTO autopilot_photo_stamps (photo_id, serial, archived_md5)
            SELECT p.id, p.serial, p.archived_md5 FROM photos p JOIN albums a ON a.id = p.album_id JOIN synced s ON s.album_key = a.album_key
            WHERE p.deleted_at IS NULL
            ON CONFLICT (photo_id) DO UPDATE SET serial = excluded.serial, archived_md5 = excluded.archived_md5
            """, ct);
        return candidates;
    }
}
