using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using TargetVision.Api.Infrastructure.Database;

namespace TargetVision.Api.Features.Health;

/// <summary>Ready means: the database answers, pgvector is installed and no migration is pending.</summary>
internal sealed partial class DatabaseReadinessCheck(NpgsqlDataSource dataSource, IServiceScopeFactory scopes, ILogger<DatabaseReadinessCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var vector = await VectorExtension.GetInstalledVersionAsync(connection, cancellationToken);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            var data = new Dictionary<string, object> { ["pgvector"] = vector ?? "missing", ["pendingMigrations"] = pending.Count };
            if (vector is null)
            {
                return HealthCheckResult.Unhealthy(VectorExtension.MissingMessage, data: data);
            }
            return pending.Count > 0
                ? HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied; run the migrate command.", data: data)
                : HealthCheckResult.Healthy("Database reachable, schema current.", data);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The probe is public: it says which check failed; the reason (host names, users, server text) goes to the log.
            LogUnreachable(logger, ex);
            return HealthCheckResult.Unhealthy("Database unreachable (details in the server log).");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Readiness: the database is unreachable")]
    private static partial void LogUnreachable(ILogger logger, Exception exception);
}
