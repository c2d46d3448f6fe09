using Microsoft.EntityFrameworkCore;
using TargetVision.Api.Features.Ai;
using TargetVision.Api.Features.Processing;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Infrastructure.Events;
using TargetVision.Api.Infrastructure.Jobs;

namespace TargetVision.Api.Features.Autopilot;

/// <summary>
/// The monthly and per-run caps, held against what <c>ai_usage</c> and the batch counters have recorded. Before each
/// paid call of an auto-describe batch the spend is projected — recorded spend plus, for every describe call in
/// flight, the highest cost among the last 20 descriptions — so the last call that fits is allowed and the one that would cross the
/// cap is not. Manual batches are never stopped; they only see the figure (and the estimate warns).
/// </summary>
public sealed class AutopilotBudget(AppDbContext db, JobQueue queue, EventPublisher events, AutopilotSettingsStore settings, ILogger<AutopilotBudget> logger) : IAiSpendGuard
{
    private sealed record Figures(decimal MonthSpent, decimal RecentCost, int InFlight);

    public async Task<AiSpendStatus> GetStatusAsync(CancellationToken ct)
    {
        var s = await settings.GetAsync(ct);
        return new AiSpendStatus(await MonthSpentAsync(ct), s.MonthlyCapUsd);
    }

    public async Task<SpendView> GetSpendViewAsync(AutopilotSettings s, CancellationToken ct)
    {
        var spent = await MonthSpentAsync(ct);
        var cap = s.MonthlyCapUsd;
        return new SpendView(Math.Round(spent, 6), cap, cap is { } c ? Math.Max(0, Math.Round(c - spent, 6)) : null, cap is { } k && spent >= k);
    }

    public async Task<bool> MayCallAsync(Guid? batchId, CancellationToken ct)
    {
        if (batchId is not { } id)
        {
            return true;
        }
        var run = await db.Set<AutopilotRun>().SingleOrDefaultAsync(r => r.DescribeBatchId == id, ct);
        if (run is null)
        {
            return true;
        }
        var s = await settings.GetAsync(ct);
        if (await OverCapAsync(s, id, ct) is not { } over)
        {
            return true;
        }
        await PauseAsync(run, id, over, ct);
        return false;
    }

    /// <summary>Resumes a budget-paused run when the caps allow its next call again (a raised cap, a new month).</summary>
    public async Task<bool> TryResumeAsync(AutopilotRun run, AutopilotSettings s, CancellationToken ct)
    {
        if (run.Status != RunStatus.Paused || run.DescribeBatchId is not { } id || await OverCapAsync(s, id, ct) is not null)
        {
            return false;
        }
        await queue.ResumeAsync(id, ct);
        run.Status = RunStatus.Describing;
        run.PausedReason = null;
        await db.SaveChangesAsync(ct);
        await events.PublishAsync(RunView.From(run), ct);
        logger.LogInformation("Autopilot run {RunId} resumed: the spending cap allows its next call", run.Id);
        return true;
    }

    private sealed record OverCap(string Reason, decimal Spent, decimal Cap);

    private async Task<OverCap?> OverCapAsync(AutopilotSettings s, Guid batchId, CancellationToken ct)
    {
        var f = await FiguresAsync(ct);
        var next = f.RecentCost * Math.Max(1, f.InFlight);
        if (s.MonthlyCapUsd is { } monthly && (f.MonthSpent >= monthly || f.MonthSpent + next > monthly))
        {
            return new OverCap($"Monthly cap reached: ${Money(f.MonthSpent)} of ${Money(monthly)} spent this month; the next description would cross it. Raise the cap or wait for next month.",
                f.MonthSpent, monthly);
        }
        if (s.RunCapUsd is { } perRun)
        {
            var runSpent = await db.Set<JobBatch>().Where(b => b.Id == batchId).Select(b => b.CostUsd).SingleOrDefaultAsync(ct);
            if (runSpent >= perRun || runSpent + next > perRun)
            {
                return new OverCap($"Per-run cap reached: ${Money(runSpent)} of ${Money(perRun)} spent by this run; the next description would cross it. Raise the cap to continue.",
                    runSpent, perRun);
            }
        }
        return null;
    }

    private async Task PauseAsync(AutopilotRun run, Guid batchId, OverCap over, CancellationToken ct)
    {
        await queue.PauseAsync(batchId, ct);
        // Conditional: several jobs of the batch can reach the cap together; one pause, one event.
        var changed = await db.Set<AutopilotRun>().Where(r => r.Id == run.Id && r.Status != RunStatus.Paused)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RunStatus.Paused).SetProperty(r => r.PausedReason, over.Reason), ct);
        if (changed > 0)
        {
            run.Status = RunStatus.Paused;
            run.PausedReason = over.Reason;
            logger.LogInformation("Autopilot run {RunId} paused: {Reason}", run.Id, over.Reason);
            await events.PublishAsync(new BudgetPaused(run.Id, batchId, over.Reason, Math.Round(over.Spent, 4), over.Cap), ct);
            await events.PublishAsync(RunView.From(run), ct);
        }
    }

    private Task<decimal> MonthSpentAsync(CancellationToken ct) =>
        db.Database.SqlQuery<decimal>($"""
            SELECT coalesce(sum(cost_usd), 0) AS "Value" FROM ai_usage
            WHERE created_at >= date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
            """).SingleAsync(ct);

    private async Task<Figures> FiguresAsync(CancellationToken ct)
    {
        var spent = await MonthSpentAsync(ct);
        var recent = await db.Database.SqlQuery<decimal>($"""
            SELECT coalesce(max(cost_usd), 0) AS "Value" FROM (SELECT cost_usd FROM ai_usage WHERE purpose = 'describe' ORDER BY id DESC LIMIT 20) recent
            """).SingleAsync(ct);
        var inFlight = await db.Set<Job>().CountAsync(j => j.Kind == DescribeJobPayload.Kind && j.Status == JobStatus.Running, ct);
        return new Figures(spent, recent, inFlight);
    }

    private static string Money(decimal v) => v.ToString("0.00##", System.Globalization.CultureInfo.InvariantCulture);
}
