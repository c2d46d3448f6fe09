using TargetVision.Api.Infrastructure.Events;
using TargetVision.Api.Infrastructure.Jobs;

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
            await events.PublishAsync(result, cancellationToken);
            return new JobResult(result);
        }
        catch (Exception e) when (SmugMugJobFailure.From(e) is { } failure)
        {
            throw failure;
        }
    }
}
