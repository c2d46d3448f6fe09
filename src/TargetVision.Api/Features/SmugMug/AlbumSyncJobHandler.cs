using TargetVision.Api.Infrastructure.Events;
using TargetVision.Api.Infrastructure.Jobs;
using TargetVision.Api.Integrations.SmugMug;

namespace TargetVision.Api.Features.SmugMug;

/// <summary>The durable job for one album; SmugMug's failures become the queue's retry or fail decisions.</summary>
public sealed class AlbumSyncJobHandler(SmugMugAccountStore accounts, AlbumSynchronizer synchronizer, EventPublisher events) : IJobHandler
{
    public async Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        var payload = context.PayloadAs<AlbumSyncPayload>();
        try
        {
            var credentials = await accounts.GetCredentialsAsync(cancellationToken);
            var result = await synchronizer.SyncAsync(credentials, payload, cancellationToken);
            await events.PublishAsync(AlbumSyncResult.EventType, result, cancellationToken);
            return new JobResult(result);
        }
        catch (SmugMugApiException e) when (e.IsTransient)
        {
            throw new RetryLaterException(e.Message, e.RetryAfter, e);
        }
        catch (SmugMugApiException e)
        {
            // Not connected, revoked token, too low a permission: no retry can fix these.
            throw new PermanentJobException(e.Message, e);
        }
        catch (ImageUrlRefusedException e)
        {
            throw new PermanentJobException(e.Message, e);
        }
    }
}
