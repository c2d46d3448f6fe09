using TargetVision.Api.Features.Library;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Infrastructure.Jobs;

namespace TargetVision.Api.Features.Processing;

/// <summary>
/// Starts a describe batch: claims the photos (skipping those already queued or processing, so two concurrent
/// requests can never both enqueue and pay for a photo) and creates the batch and its jobs in one transaction.
/// </summary>
public sealed class DescribeBatchCreator(AppDbContext db, JobQueue queue, PhotoStates states)
{
    public async Task<JobBatch> CreateAsync(ProcessingPlan plan, object parameters, CancellationToken ct)
    {
        // Joins the caller's transaction when there is one (autopilot starts its describe batch with its run row).
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var claimed = new List<int>();
        foreach (var chunk in plan.Photos.Select(p => p.Id).Chunk(1000))
        {
            claimed.AddRange(await states.ClaimAsync(chunk, ct));
        }
        // The idempotency key names the batch: the queue assigns the batch id itself, so a key minted here stands
        // for it (one key per photo and batch, as the queue's uniqueness requires).
        var batchKey = Guid.CreateVersion7();
        var jobs = claimed.Select(id => new NewJob(
            new DescribeJobPayload(id, plan.Model.Id, plan.Prompt.Id, plan.Prompt.Version),
            DescribeJobPayload.IdempotencyKey(id, batchKey))).ToList();
        var batch = await queue.CreateBatchAsync(DescribeJobPayload.Kind, plan.Title, jobs, new { parameters, batchKey }, ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }
        return batch;
    }
}
