using Microsoft.Extensions.Options;
using Npgsql;
using TargetVision.Api.Infrastructure.Database;

namespace TargetVision.Api.Infrastructure.Commands;

/// <summary>`TargetVision.Api migrate`: wait for the database, apply migrations under the advisory lock, exit.</summary>
public static class MigrateCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("TargetVision.Migrate");
        try
        {
            var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            await DatabaseConnectivity.WaitUntilReachableAsync(services.GetRequiredService<NpgsqlDataSource>(),
                TimeSpan.FromSeconds(options.StartupTimeoutSeconds), logger, ct);
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            return 0;
        }
        catch (Exception ex)
        {
            logger.LogCritical("Migration failed: {Message}", ex.Message);
            return 1;
        }
    }
}
