using TargetVision.Api.Infrastructure.Jobs;

namespace TargetVision.Api.Features.Processing;

/// <summary>
/// Starts a describe batch. Photos are first claimed by switching them to queued in one statement that skips
/// photos already queued or processing, so two concurrent requests can never both enqueue (and pay for) a photo.
/// </summary>
public sealed class DescribeBatchCreator(JobQueue queue, PhotoStatusUpdater statuses)
{
    public async Task<JobBatch> CreateAsync(ProcessingPlan plan, object parameters, CancellationToken ct)
    {
        var ids = plan.Photos.Select(p => p.Id).ToArray();
        var claimed = await ClaimAsync(ids, ct);
        // The idempotency key names the batch: the queue assigns the batch id itself, so a key minted here stands
        // for it (one key per photo and batch, as the queue's uniqueness requires).
        var batchKey = Guid.CreateVersion7();
        var jobs = claimed.Select(id => new NewJob(
            new DescribeJobPayload(id, plan.Model.Id, plan.Prompt.Id, plan.Prompt.Version),
            DescribeJobPayload.IdempotencyKey(id, batchKey))).ToList();
        try
        {
            return await queue.CreateBatchAsync(DescribeJobPayload.Kind, plan.Title, jobs, new { parameters, batchKey }, ct);
        }
        catch
        {
            await statuses.RevertAsync(claimed, CancellationToken.None);
            throw;
        }
    }

    private async Task<IReadOnlyCollection<int>> ClaimAsync(int[] ids, CancellationToken ct)
    {
        if (ids.Length == 0)
        {
            return [];
        }
        var claimed = new List<int>();
        foreach (var chunk in ids.Chunk(1000))
        {
            claimed.AddRange(await statuses.ClaimForQueueAsync(chunk, ct));
        }
        return claimed;
    }
}
