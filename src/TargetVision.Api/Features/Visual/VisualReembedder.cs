using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Infrastructure.Jobs;

namespace TargetVision.Api.Features.Visual;

/// <summary>
/// A model change means a new vector space: at start, when the configured model is installed and the library holds
/// embeddings of another model but not all of this one, a backfill batch re-embeds it (the old rows stay until then,
/// unused, and their coverage is listed by the stats).
/// </summary>
public sealed class VisualReembedder(IServiceScopeFactory scopes, VisualModel model, IOptionsMonitor<JobOptions> jobs, ILogger<VisualReembedder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!model.Enabled || !jobs.CurrentValue.WorkerEnabled)
        {
            return;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var otherModels = await db.Set<ImageEmbedding>().AnyAsync(e => e.Model != model.ModelId, stoppingToken);
            if (!otherModels)
            {
                return;
            }
            var planner = scope.ServiceProvider.GetRequiredService<EmbeddingPlanner>();
            var jobs = await planner.PlanAsync(null, stoppingToken);
            if (jobs.Count == 0)
            {
                return;
            }
            var batch = await planner.CreateBatchAsync($"Re-embed images for model {model.ModelId}", jobs, stoppingToken);
            logger.LogInformation("Model changed to {ModelId}: re-embedding {Jobs} batch(es) of images", model.ModelId, batch.Total);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Checking for a model change failed: {Reason}", ex.Message);
        }
    }
}
