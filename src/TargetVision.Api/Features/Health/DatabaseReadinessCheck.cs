using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using TargetVision.Api.Infrastructure.Database;

namespace TargetVision.Api.Features.Health;

/// <summary>Ready means: the database answers, pgvector is installed and no migration is pending.</summary>
internal sealed class DatabaseReadinessCheck(NpgsqlDataSource dataSource, IServiceScopeFactory scopes) : IHealthCheck
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
            return HealthCheckResult.Unhealthy("Database unreachable: " + ex.Message);
        }
    }
}
