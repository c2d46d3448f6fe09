using Npgsql;

namespace TargetVision.Api.Infrastructure.Database;

/// <summary>Checks that pgvector is installed, with a message that says who must do what when it is not.</summary>
public static class VectorExtension
{
    public const string MissingMessage =
        "The PostgreSQL extension 'vector' (pgvector) is not installed in this database. It is not a trusted " +
        "extension, so a superuser must run: CREATE EXTENSION IF NOT EXISTS vector; in the TargetVision database " +
        "(the bundled docker/postgres/init.sql does this on first start; see docs/configuration.md).";

    public static async Task<string?> GetInstalledVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT extversion FROM pg_extension WHERE extname = 'vector'", connection);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>Installs the extension when the role may (superuser/owner in local runs), else fails clearly.</summary>
    public static async Task EnsureAvailableAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (await GetInstalledVersionAsync(connection, cancellationToken) is not null)
        {
            return;
        }
        try
        {
            await using var create = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS vector", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.UndefinedFile or "0A000" or "58P01")
        {
            throw new InvalidOperationException(MissingMessage + " (PostgreSQL said: " + ex.MessageText + ")", ex);
        }
    }
}
