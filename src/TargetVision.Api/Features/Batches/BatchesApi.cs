using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Infrastructure.Http;
using TargetVision.Api.Infrastructure.Jobs;

namespace TargetVision.Api.Features.Batches;

/// <summary>Progress and control of background work of every kind (sync, describe, embed, export).</summary>
public static class BatchesApi
{
    public static RouteGroupBuilder MapBatchesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/batches").WithTags("Batches");
        group.MapGet("/", List).WithSummary("Batches, newest first; ?active=true for running and paused ones only.");
        group.MapGet("/{id:guid}", Get).WithSummary("One batch with counts, cost and ETA.");
        group.MapGet("/{id:guid}/failures", Failures).WithSummary("The failed jobs of a batch with their errors.");
        group.MapPost("/{id:guid}/cancel", Cancel).WithSummary("Cancel: queued jobs are dropped, running ones are interrupted.");
        group.MapPost("/{id:guid}/pause", Pause).WithSummary("Pause: no new jobs start; running ones finish.");
        group.MapPost("/{id:guid}/resume", Resume).WithSummary("Resume a paused batch.");
        group.MapPost("/{id:guid}/retry-failed", RetryFailed).WithSummary("Queue the failed jobs again.");
        group.MapPost("/cancel-all", CancelAll).WithSummary("Clear the queue: cancel every running or paused batch.");
        return group;
    }

    private static async Task<Results<Ok<PagedResult<BatchView>>, ValidationProblem>> List(bool? active, int? page, int? pageSize, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var request, out var problem))
        {
            return problem!;
        }
        var query = db.Set<JobBatch>().AsNoTracking();
        if (active == true)
        {
            query = query.Where(b => b.Status == BatchStatus.Running || b.Status == BatchStatus.Paused);
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(b => b.CreatedAt).Skip(request.Skip).Take(request.PageSize).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new PagedResult<BatchView>(rows.Select(b => BatchView.From(b, now)).ToList(), request.Page, request.PageSize, total));
    }

    private static async Task<Results<Ok<BatchView>, NotFound>> Get(Guid id, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var batch = await db.Set<JobBatch>().AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct);
        return batch is null ? TypedResults.NotFound() : TypedResults.Ok(BatchView.From(batch, clock.GetUtcNow()));
    }

    public sealed record FailureView(long JobId, string Kind, string? Error, int Attempts, DateTimeOffset UpdatedAt);

    private static async Task<Results<Ok<List<FailureView>>, NotFound>> Failures(Guid id, AppDbContext db, CancellationToken ct)
    {
        if (!await db.Set<JobBatch>().AnyAsync(b => b.Id == id, ct))
        {
            return TypedResults.NotFound();
        }
        var failures = await db.Set<Job>().AsNoTracking().Where(j => j.BatchId == id && j.Status == JobStatus.Failed)
            .OrderBy(j => j.Id).Take(500)
            .Select(j => new FailureView(j.Id, j.Kind, j.LastError, j.Attempts, j.UpdatedAt)).ToListAsync(ct);
        return TypedResults.Ok(failures);
    }

    private static Task<Results<Ok<BatchView>, NotFound>> Cancel(Guid id, JobQueue queue, TimeProvider clock, CancellationToken ct) =>
        Respond(queue.CancelAsync(id, ct), clock);

    private static Task<Results<Ok<BatchView>, NotFound>> Pause(Guid id, JobQueue queue, TimeProvider clock, CancellationToken ct) =>
        Respond(queue.PauseAsync(id, ct), clock);

    private static Task<Results<Ok<BatchView>, NotFound>> Resume(Guid id, JobQueue queue, TimeProvider clock, CancellationToken ct) =>
        Respond(queue.ResumeAsync(id, ct), clock);

    private static Task<Results<Ok<BatchView>, NotFound>> RetryFailed(Guid id, JobQueue queue, TimeProvider clock, CancellationToken ct) =>
        Respond(queue.RetryFailedAsync(id, ct), clock);

    public sealed record CancelAllResponse(int Cancelled);

    private static async Task<Ok<CancelAllResponse>> CancelAll(JobQueue queue, CancellationToken ct) =>
        TypedResults.Ok(new CancelAllResponse(await queue.CancelAllAsync(ct)));

    private static async Task<Results<Ok<BatchView>, NotFound>> Respond(Task<JobBatch?> action, TimeProvider clock)
    {
        var batch = await action;
        return batch is null ? TypedResults.NotFound() : TypedResults.Ok(BatchView.From(batch, clock.GetUtcNow()));
    }
}
