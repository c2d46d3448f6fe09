using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TargetVision.Api.Features.Library;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Infrastructure.Http;
using TargetVision.Api.Infrastructure.Jobs;

namespace TargetVision.Api.Features.Autopilot;

/// <summary>Schedule, budget and run history of the autopilot; write-back opt-in, preview, confirm and undo.</summary>
public static class AutopilotApi
{
    public static RouteGroupBuilder MapAutopilotApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/autopilot").WithTags("Autopilot");
        group.MapGet("/settings", GetSettings).WithName("GetAutopilotSettings")
            .WithSummary("Schedule, auto-describe, caps and write-back options, with the next run and this month's spend.");
        group.MapPut("/settings", PutSettings).WithName("UpdateAutopilotSettings")
            .WithSummary("Change the schedule, caps or options; omitted fields keep their value. A raised cap resumes paused runs.");
        group.MapGet("/runs", Runs).WithName("ListAutopilotRuns").WithSummary("Run history, newest first: what changed, what was described, cost, errors.");
        group.MapPost("/runs", RunNow).WithName("StartAutopilotRun").WithSummary("Run now: sync and (if enabled) auto-describe outside the schedule.");
        group.MapGet("/writeback/targets", Targets).WithName("ListWriteBackTargets").WithSummary("Albums and folders, and which are opted in to write-back.");
        group.MapPut("/writeback/targets", SetTarget).WithName("SetWriteBackTarget").WithSummary("Opt an album (by key) or a folder (by path, with its sub-folders) in or out.");
        group.MapPost("/writeback/preview", Preview).WithName("PreviewWriteBack")
            .WithSummary("Per photo, the current SmugMug value and the value to write; stored, to be confirmed.");
        group.MapGet("/writeback/{id:long}", GetWriteBack).WithName("GetWriteBack").WithSummary("A write-back with each photo's state.");
        group.MapPost("/writeback/{id:long}/confirm", Confirm).WithName("ConfirmWriteBack")
            .WithSummary("Write the previewed values to SmugMug as a batch (needs the Modify permission).");
        group.MapPost("/writeback/undo", Undo).WithName("UndoWriteBack")
            .WithSummary("Restore the previous SmugMug values of a write-back, some photos or an album; photos changed since need force.");
        return group;
    }

    private static async Task<Ok<AutopilotSettingsView>> GetSettings(AutopilotSettingsStore store, AutopilotBudget budget,
        [FromKeyedServices(AutopilotClock.Key)] TimeProvider clock, CancellationToken ct)
    {
        var s = await store.GetAsync(ct);
        return TypedResults.Ok(await ViewAsync(s, store, budget, clock, ct));
    }

    private static async Task<Results<Ok<AutopilotSettingsView>, ValidationProblem>> PutSettings(
        AutopilotSettingsUpdate request, AutopilotSettingsStore store, AutopilotBudget budget, AppDbContext db,
        [FromKeyedServices(AutopilotClock.Key)] TimeProvider clock, CancellationToken ct)
    {
        var (s, errors) = await store.UpdateAsync(request, ct);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        foreach (var run in await db.Set<AutopilotRun>().Where(r => r.Status == RunStatus.Paused).ToListAsync(ct))
        {
            await budget.TryResumeAsync(run, s, ct);
        }
        return TypedResults.Ok(await ViewAsync(s, store, budget, clock, ct));
    }

    private static async Task<AutopilotSettingsView> ViewAsync(AutopilotSettings s, AutopilotSettingsStore store, AutopilotBudget budget, TimeProvider clock, CancellationToken ct) => new(
        s.Mode, s.EveryHours, AutopilotSettingsStore.DailyTime(s), s.TimeZone, s.FolderNodeIds, s.AutoDescribe, s.Model, s.PromptId,
        s.MonthlyCapUsd, s.RunCapUsd, s.WriteKeywords, s.Caption, s.Title, AutopilotSchedule.NextSlot(s, clock.GetUtcNow(), store.ScheduleHour),
        await budget.GetSpendViewAsync(s, ct));

    private static async Task<Results<Ok<PagedResult<RunView>>, ValidationProblem>> Runs(int? page, int? pageSize, AppDbContext db, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var request, out var problem))
        {
            return problem!;
        }
        var query = db.Set<AutopilotRun>().AsNoTracking();
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(r => r.Id).Skip(request.Skip).Take(request.PageSize).ToListAsync(ct);
        return TypedResults.Ok(new PagedResult<RunView>([.. rows.Select(RunView.From)], request.Page, request.PageSize, total));
    }

    private static async Task<Accepted<RunView>> RunNow(AutopilotRunner runner, [FromKeyedServices(AutopilotClock.Key)] TimeProvider clock, CancellationToken ct)
    {
        var run = await runner.RunNowAsync(clock.GetUtcNow(), ct);
        return TypedResults.Accepted("/api/autopilot/runs", RunView.From(run));
    }

    private static async Task<Ok<WriteBackTargetsView>> Targets(AppDbContext db, CancellationToken ct)
    {
        var targets = await db.Set<WriteBackTarget>().AsNoTracking().OrderBy(t => t.Kind).ThenBy(t => t.Key).ToListAsync(ct);
        var albums = await db.Set<Album>().AsNoTracking().Where(a => a.DeletedAt == null)
            .OrderBy(a => a.FolderPath).ThenBy(a => a.Name).Select(a => new { a.AlbumKey, a.Name, a.FolderPath }).ToListAsync(ct);
        var folders = albums.Select(a => a.FolderPath).Where(p => p.Length > 0)
            .SelectMany(p => p.Split(" / ").Select((_, i) => string.Join(" / ", p.Split(" / ").Take(i + 1))))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new WriteBackTargetsView(
            [.. targets.Select(t => new WriteBackTargetView(t.Kind, t.Key))],
            [.. albums.Select(a => new WriteBackAlbumOption(a.AlbumKey, a.Name, a.FolderPath,
                WriteBackPlanner.IsOptedIn(targets, a.AlbumKey, a.FolderPath),
                !targets.Any(t => t.Kind == "album" && t.Key == a.AlbumKey) && WriteBackPlanner.IsOptedIn(targets, a.AlbumKey, a.FolderPath)))],
            folders));
    }

    private static async Task<Results<Ok<WriteBackTargetView>, ValidationProblem>> SetTarget(
        WriteBackTargetRequest request, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var kind = request.Kind?.Trim().ToLowerInvariant();
        if (kind is not ("album" or "folder"))
        {
            errors["kind"] = ["Must be album or folder."];
        }
        var key = request.Key?.Trim();
        if (key is null || key.Length > 1000 || (kind == "album" && key.Length == 0))
        {
            errors["key"] = ["An album key, or a folder path (\"\" for everything), of up to 1000 characters."];
        }
        else if (kind == "album" && !await db.Set<Album>().AnyAsync(a => a.AlbumKey == key, ct))
        {
            errors["key"] = ["No synced album has this key."];
        }
        if (request.Enabled is null)
        {
            errors["enabled"] = ["Required."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (request.Enabled == true)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO writeback_targets (kind, key, created_at) VALUES ({kind}, {key}, {clock.GetUtcNow()}) ON CONFLICT (kind, key) DO NOTHING
                """, ct);
        }
        else
        {
            await db.Set<WriteBackTarget>().Where(t => t.Kind == kind && t.Key == key).ExecuteDeleteAsync(ct);
        }
        return TypedResults.Ok(new WriteBackTargetView(kind!, key!));
    }

    private static async Task<Results<Ok<WriteBackView>, ValidationProblem>> Preview(WriteBackPreviewRequest request, WriteBackPlanner planner, CancellationToken ct)
    {
        var (view, errors) = await planner.PreviewAsync(request, ct);
        return view is null ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<WriteBackView>, NotFound>> GetWriteBack(long id, WriteBackPlanner planner, CancellationToken ct) =>
        await planner.GetAsync(id, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<Results<Accepted<WriteBackStarted>, ProblemHttpResult>> Confirm(long id, WriteBackPlanner planner, TimeProvider clock, CancellationToken ct)
    {
        try
        {
            var batch = await planner.ConfirmAsync(id, ct);
            return TypedResults.Accepted($"/api/batches/{batch.Id}", new WriteBackStarted(BatchView.From(batch, clock.GetUtcNow()), batch.Total));
        }
        catch (WriteBackRefusedException e)
        {
            return Refused(e);
        }
    }

    private static async Task<Results<Accepted<WriteBackStarted>, Ok<WriteBackStarted>, ValidationProblem, ProblemHttpResult>> Undo(
        WriteBackUndoRequest request, WriteBackPlanner planner, TimeProvider clock, CancellationToken ct)
    {
        try
        {
            var (batch, photos, errors) = await planner.UndoAsync(request, ct);
            if (errors.Count > 0)
            {
                return TypedResults.ValidationProblem(errors);
            }
            if (batch is null)
            {
                return TypedResults.Problem("Nothing written matches: those photos were never written back, or are already undone.",
                    statusCode: StatusCodes.Status409Conflict, title: "Nothing to undo");
            }
            return TypedResults.Accepted($"/api/batches/{batch.Id}", new WriteBackStarted(BatchView.From(batch, clock.GetUtcNow()), photos));
        }
        catch (WriteBackRefusedException e)
        {
            return Refused(e);
        }
    }

    private static ProblemHttpResult Refused(WriteBackRefusedException e) =>
        TypedResults.Problem(e.Message, statusCode: e.Status, title: e.Title,
            extensions: e.Status == StatusCodes.Status404NotFound ? null : new Dictionary<string, object?> { ["reconnect"] = "Settings → SmugMug → Disconnect, then Connect and allow Modify." });
}
