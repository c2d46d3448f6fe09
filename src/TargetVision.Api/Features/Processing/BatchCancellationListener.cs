using TargetVision.Api.Infrastructure.Events;
using TargetVision.Api.Infrastructure.Jobs;

namespace TargetVision.Api.Features.Processing;

/// <summary>
/// When a batch is cancelled (on any replica), the photos of its dropped jobs go back from queued to their stored
/// state, so badges do not stay "queued" forever. Every replica runs it; the update is idempotent.
/// </summary>
public sealed class BatchCancellationListener(EventHub hub, IServiceScopeFactory scopes, ILogger<BatchCancellationListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = hub.Subscribe();
        try
        {
            await foreach (var message in subscription.Reader.ReadAllAsync(stoppingToken))
            {
                if (message.Type != JobQueue.BatchCancelledEvent
                    || !message.Data.TryGetProperty("batchId", out var id) || !id.TryGetGuid(out var batchId))
                {
                    continue;
                }
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var repaired = await scope.ServiceProvider.GetRequiredService<StatusReconciler>().ReconcileBatchAsync(batchId, stoppingToken);
                    logger.LogInformation("Batch {BatchId} cancelled: {Count} photo status(es) restored", batchId, repaired);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The reconcile action repairs whatever this missed.
                    logger.LogWarning("Restoring photo statuses after cancelling batch {BatchId} failed: {Reason}", batchId, ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
