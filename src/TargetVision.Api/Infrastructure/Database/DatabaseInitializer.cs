using Microsoft.Extensions.Options;
using Npgsql;

namespace TargetVision.Api.Infrastructure.Database;

/// <summary>
/// Runs before the server accepts requests: waits for the database (bounded, with backoff), then either applies
/// migrations (MigrateOnStartup) or checks that pgvector exists, so a misconfigured database fails loudly at start.
/// </summary>
internal sealed class DatabaseInitializer(
    IServiceScopeFactory scopes, NpgsqlDataSource dataSource, IOptions<DatabaseOptions> options, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await DatabaseConnectivity.WaitUntilReachableAsync(dataSource, TimeSpan.FromSeconds(options.Value.StartupTimeoutSeconds), logger, cancellationToken);
        if (options.Value.MigrateOnStartup)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            return;
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await VectorExtension.GetInstalledVersionAsync(connection, cancellationToken) is null)
        {
            throw new InvalidOperationException(VectorExtension.MissingMessage);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
