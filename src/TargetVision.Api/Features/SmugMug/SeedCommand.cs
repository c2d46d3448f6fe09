using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using TargetVision.Api.Features.Library;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Infrastructure.Jobs;
using TargetVision.Api.Integrations.SmugMug;

namespace TargetVision.Api.Features.SmugMug;

/// <summary>
/// `TargetVision.Api seed`: connects SmugMug with a pre-approved access token (SmugMug:SeedAccessToken and
/// SmugMug:SeedAccessTokenSecret — the dev overlay's fake SmugMug registers the same pair) and syncs the whole
/// account through the job queue, so a development database gets real albums and photos without a browser.
/// It waits for the running backend's workers to finish the batch and reports the counts.
/// </summary>
public static class SeedCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, IConfiguration configuration, CancellationToken ct)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("TargetVision.Seed");
        var token = configuration["SmugMug:SeedAccessToken"];
        var secret = configuration["SmugMug:SeedAccessTokenSecret"];
        if (string.IsNullOrEmpty(token) || string.IsNullOrEmpty(secret))
        {
            logger.LogCritical("Seeding needs SmugMug__SeedAccessToken and SmugMug__SeedAccessTokenSecret (an access token the SmugMug account approved)");
            return 2;
        }
        try
        {
            var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            await DatabaseConnectivity.WaitUntilReachableAsync(services.GetRequiredService<NpgsqlDataSource>(),
                TimeSpan.FromSeconds(database.StartupTimeoutSeconds), logger, ct);
            Guid batchId;
            await using (var scope = services.CreateAsyncScope())
            {
                var account = await scope.ServiceProvider.GetRequiredService<SmugMugAccountStore>().SaveConnectionAsync(new OAuthToken(token, secret), ct);
                logger.LogInformation("Connected SmugMug account @{NickName}", account.NickName);
                var batch = await scope.ServiceProvider.GetRequiredService<SmugMugSyncStarter>().StartFolderAsync(null, ct);
                batchId = batch.Id;
                logger.LogInformation("Queued a sync of the whole account (batch {BatchId})", batch.Id);
            }
            var timeout = TimeSpan.FromSeconds(configuration.GetValue("Seed:TimeoutSeconds", 600));
            var deadline = DateTimeOffset.UtcNow + timeout;
            while (DateTimeOffset.UtcNow < deadline)
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var batch = await db.Set<JobBatch>().AsNoTracking().SingleAsync(b => b.Id == batchId, ct);
                if (batch.Status is BatchStatus.Completed or BatchStatus.Cancelled)
                {
                    var photos = await db.Set<Photo>().CountAsync(p => p.DeletedAt == null, ct);
                    logger.LogInformation("Seed finished: {Done}/{Total} sync job(s) done, {Failed} failed, {Photos} photos in the library",
                        batch.Done, batch.Total, batch.Failed, photos);
                    return batch.Failed == 0 ? 0 : 1;
                }
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
            logger.LogWarning("The sync is still running after {Seconds} s; the backend's workers will finish it", timeout.TotalSeconds);
            return 0;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogCritical("Seeding failed: {Message}", ex.Message);
            return 1;
        }
    }
}
