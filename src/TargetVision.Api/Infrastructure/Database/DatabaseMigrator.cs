using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace TargetVision.Api.Infrastructure.Database;

/// <summary>
/// Applies EF Core migrations under a PostgreSQL advisory lock so that several replicas (or a migrate job and a
/// replica with MigrateOnStartup) starting together never race; the second one waits and then finds nothing to do.
/// </summary>
public sealed class DatabaseMigrator(AppDbContext db, NpgsqlDataSource dataSource, ILogger<DatabaseMigrator> logger)
{
    // Arbitrary but fixed: "TV" + "MIGR" in ASCII, so it is recognisable in pg_locks.
    private const long MigrationLockKey = 0x5456_4D49_4752;

    /// <summary>EF's migrations history table (configured in AddAppDatabase).</summary>
    public const string HistoryTable = "__ef_migrations_history";

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            lockCommand.Parameters.AddWithValue("key", MigrationLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }
        try
        {
            await VectorExtension.EnsureAvailableAsync(connection, cancellationToken);
            // On a new database EF reads the history table before creating it and logs that failed query as an error,
            // which looks alarming on a first start: create the (empty) table first.
            if (!await HistoryExistsAsync(connection, cancellationToken))
            {
                await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
            }
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count == 0)
            {
                logger.LogInformation("Database schema is up to date; nothing to migrate");
                return;
            }
            logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
            // A migration that rebuilds an index or rewrites a table on a large library outlasts the per-request timeout.
            db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
            await db.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("Migrations applied");
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            unlock.Parameters.AddWithValue("key", MigrationLockKey);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static async Task<bool> HistoryExistsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL", connection);
        command.Parameters.AddWithValue("table", HistoryTable);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }
}
