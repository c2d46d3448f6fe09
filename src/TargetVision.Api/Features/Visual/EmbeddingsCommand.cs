using Microsoft.Extensions.Options;
using Npgsql;
using TargetVision.Api.Infrastructure.Database;

namespace TargetVision.Api.Features.Visual;

/// <summary>
/// `TargetVision.Api embeddings backfill`: queues a batch embedding every photo whose image embedding is missing or
/// stale (the same batch as POST /api/embeddings/backfill); the running backend's workers do the work, and the batch
/// shows in the app with its progress.
/// </summary>
public static class EmbeddingsCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, CancellationToken ct)
    {
        if (args.Count < 2 || args[1] != "backfill")
        {
            await output.WriteLineAsync("usage: TargetVision.Api embeddings backfill");
            return 2;
        }
        var model = services.GetRequiredService<VisualModel>();
        if (!model.Enabled)
        {
            await output.WriteLineAsync(VisualModel.InstallHint);
            return 1;
        }
        var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("TargetVision.Embeddings");
        await DatabaseConnectivity.WaitUntilReachableAsync(services.GetRequiredService<NpgsqlDataSource>(),
            TimeSpan.FromSeconds(database.StartupTimeoutSeconds), logger, ct);
        await using var scope = services.CreateAsyncScope();
        var batch = await scope.ServiceProvider.GetRequiredService<EmbeddingPlanner>().BackfillAsync($"Embed images ({model.ModelId})", ct);
        await output.WriteLineAsync(batch.Total == 0
            ? $"Every photo already has a current {model.ModelId} embedding."
            : $"Queued {batch.Total} job(s) of up to {services.GetRequiredService<IOptions<VisualOptions>>().Value.BatchSize} photos (batch {batch.Id}); the backend's workers embed them.");
        return 0;
    }
}
