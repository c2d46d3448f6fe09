using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TargetVision.Api.Features.Ai;
using TargetVision.Api.Features.Library;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Infrastructure.Jobs;

namespace TargetVision.Api.Features.Processing;

/// <summary>
/// Runs one ai.describe job. Idempotent: a re-run (crash, expired lease) finds the version its batch already paid
/// for and returns it instead of calling the provider again. The photo's status follows the job's transitions
/// (<see cref="DescribeJobObserver"/>) and the embedding follows its success (<see cref="DescriptionPipeline"/>).
/// </summary>
public sealed class DescribePhotoJobHandler(
    AppDbContext db,
    PhotoDescriber describer,
    PromptStore prompts,
    AiVersionWriter writer,
    IAiSpendGuard budget,
    IOptions<AiOptions> aiOptions,
    ILogger<DescribePhotoJobHandler> logger) : IJobHandler
{
    public async Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        var payload = context.PayloadAs<DescribeJobPayload>();
        if (context.BatchId is { } batchId
            && await db.Set<PhotoAiVersion>().AsNoTracking().FirstOrDefaultAsync(v => v.PhotoId == payload.PhotoId && v.BatchId == batchId, cancellationToken) is { } paid)
        {
            logger.LogInformation("Photo {PhotoId} already described in batch {BatchId} (version {Version}); reusing it", payload.PhotoId, batchId, paid.Version);
            return new JobResult(new DescribeJobResult(paid.Version, paid.CostUsd, Reused: true), paid.CostUsd);
        }

        var photo = await db.Set<Photo>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == payload.PhotoId && p.DeletedAt == null, cancellationToken)
            ?? throw new PermanentJobException($"Photo {payload.PhotoId} is no longer in the library.");
        var prompt = await prompts.GetVersionAsync(payload.PromptId, payload.PromptVersion, cancellationToken)
            ?? await prompts.ResolveAsync(null, cancellationToken)
            ?? throw new PermanentJobException("No description prompt is available.");

        DescriptionOutcome outcome;
        try
        {
            outcome = await AiJobFailure.RunAsync(
                () => describer.DescribePhotoAsync(photo, payload.Model, prompt.Text, cancellationToken, token => BeforePaidCallAsync(context.BatchId, token)),
                aiOptions.Value.RetryJitterSeconds);
        }
        catch (PhotoImageUnavailableException e)
        {
            throw e.ForQueue();
        }

        // The provider has been paid: from here on, saving must not be abandoned because of a cancel.
        var version = await writer.SaveGeneratedAsync(photo, outcome, prompt, context.BatchId, CancellationToken.None);
        return new JobResult(new DescribeJobResult(version.Version, version.CostUsd), version.CostUsd);
    }

    private async Task BeforePaidCallAsync(Guid? batchId, CancellationToken ct)
    {
        await WaitIfBatchCancelledAsync(batchId, ct);
        // Checked after the rate-limit wait, right before paying: a capped batch is paused and this job handed back.
        if (!await budget.MayCallAsync(batchId, ct))
        {
            throw new JobHandBackException("The batch reached its spending cap and was paused.");
        }
    }

    /// <summary>
    /// The cancel endpoint commits before every replica hears of it, so a job that was fetching its image may reach
    /// this point just after cancel returned. It must not start a paid call then: it waits for the cancel signal
    /// (normally milliseconds away) so the queue records the job as cancelled, not failed.
    /// </summary>
    private async Task WaitIfBatchCancelledAsync(Guid? batchId, CancellationToken ct)
    {
        if (await IsBatchCancelledAsync(batchId))
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            throw new PermanentJobException("The batch was cancelled.");
        }
    }

    private async Task<bool> IsBatchCancelledAsync(Guid? batchId) =>
        batchId is { } id && await db.Set<JobBatch>().AsNoTracking().AnyAsync(b => b.Id == id && b.Status == BatchStatus.Cancelled, CancellationToken.None);
}
