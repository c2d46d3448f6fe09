using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TargetVision.Api.Features.Ai;
using TargetVision.Api.Features.Library;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Infrastructure.Jobs;

namespace TargetVision.Api.Features.Processing;

/// <summary>
/// Runs one ai.describe job. Idempotent: a re-run (crash, expired lease) finds the version its batch already paid
/// for and returns it instead of calling the provider again. Keeps the photo's status in step with the job.
/// </summary>
public sealed class DescribePhotoJobHandler(
    AppDbContext db,
    PhotoDescriber describer,
    PromptStore prompts,
    AiVersionWriter writer,
    PhotoStatusUpdater statuses,
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
            await statuses.SetAsync([payload.PhotoId], PhotoStatus.Completed, null, cancellationToken, PhotoStatus.Completed);
            return new JobResult(new { version = paid.Version, costUsd = paid.CostUsd, reused = true }, paid.CostUsd);
        }

        var photo = await db.Set<Photo>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == payload.PhotoId && p.DeletedAt == null, cancellationToken)
            ?? throw new PermanentJobException($"Photo {payload.PhotoId} is no longer in the library.");
        var prompt = await prompts.GetVersionAsync(payload.PromptId, payload.PromptVersion, cancellationToken)
            ?? await prompts.ResolveAsync(null, cancellationToken)
            ?? throw new PermanentJobException("No description prompt is available.");

        await statuses.SetAsync([photo.Id], PhotoStatus.Processing, null, cancellationToken);
        DescriptionOutcome outcome;
        try
        {
            outcome = await AiJobFailure.RunAsync(
                () => describer.DescribePhotoAsync(photo, payload.Model, prompt.Text, cancellationToken, token => WaitIfBatchCancelledAsync(context.BatchId, token)),
                aiOptions.Value.RetryJitterSeconds);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cancelled by the user (the batch is gone: show the stored state) or by shutdown (the job goes back to
            // the queue: show queued). The token is already cancelled, so these writes must not use it.
            if (await IsBatchCancelledAsync(context.BatchId))
            {
                await statuses.RevertAsync([photo.Id], CancellationToken.None);
            }
            else
            {
                await statuses.SetAsync([photo.Id], PhotoStatus.Queued, null, CancellationToken.None);
            }
            throw;
        }
        catch (PermanentJobException ex)
        {
            await statuses.SetAsync([photo.Id], PhotoStatus.Failed, ex.Message, CancellationToken.None);
            throw;
        }
        catch (Exception ex)
        {
            // Transient: the queue retries it, or gives up after the last attempt — then the photo shows why.
            var lastAttempt = await IsLastAttemptAsync(context);
            var message = ex is RetryLaterException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            await statuses.SetAsync([photo.Id], lastAttempt ? PhotoStatus.Failed : PhotoStatus.Queued, lastAttempt ? message : $"Retrying: {message}", CancellationToken.None);
            throw;
        }

        // The provider has been paid: from here on, saving must not be abandoned because of a cancel.
        var version = await writer.SaveGeneratedAsync(photo, outcome, prompt, context.BatchId, context.JobId, CancellationToken.None);
        return new JobResult(new { version = version.Version, costUsd = version.CostUsd }, version.CostUsd);
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

    private async Task<bool> IsLastAttemptAsync(JobContext context)
    {
        var max = await db.Set<Job>().AsNoTracking().Where(j => j.Id == context.JobId).Select(j => (int?)j.MaxAttempts).SingleOrDefaultAsync(CancellationToken.None);
        return context.Attempt >= (max ?? int.MaxValue);
    }
}
