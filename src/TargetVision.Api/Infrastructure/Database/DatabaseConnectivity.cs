using Npgsql;

namespace TargetVision.Api.Infrastructure.Database;

/// <summary>Waits for the database at start-up: containers often start before PostgreSQL accepts connections.</summary>
public static class DatabaseConnectivity
{
    public static async Task WaitUntilReachableAsync(NpgsqlDataSource dataSource, TimeSpan timeout, ILogger logger, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var delay = TimeSpan.FromMilliseconds(250);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                return;
            }
            catch (PostgresException ex) when (IsPermanent(ex))
            {
                // A server that answers "wrong password" will answer the same in a minute: waiting only hides the cause.
                throw new DatabaseLoginRejectedException(Describe(ex, new NpgsqlConnectionStringBuilder(dataSource.ConnectionString)), ex);
            }
            catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                if (DateTimeOffset.UtcNow + delay > deadline)
                {
                    throw new InvalidOperationException(
                        $"The database was not reachable within {timeout.TotalSeconds:0} s: {ex.Message}", ex);
                }
                logger.LogWarning("Database not reachable yet (attempt {Attempt}): {Reason}; retrying in {Delay} ms",
                    attempt, ex.Message, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
            }
        }
    }

    /// <summary>
    /// Class 28 (invalid authorization: wrong password, unknown role, no pg_hba entry) and 3D000 (no such database)
    /// do not heal by retrying.
    /// </summary>
    public static bool IsPermanent(PostgresException ex) =>
        ex.SqlState.StartsWith("28", StringComparison.Ordinal) || ex.SqlState == PostgresErrorCodes.InvalidCatalogName;

    private static string Describe(PostgresException ex, NpgsqlConnectionStringBuilder target)
    {
        var where = $"user \"{target.Username}\" on database \"{target.Database}\" at {target.Host}:{target.Port}";
        var hint = ex.SqlState == PostgresErrorCodes.InvalidPassword
            ? " The database keeps the password it was created with: set DB_PASSWORD (or DB_PASSWORD_FILE) to that " +
              "password, or, for a throwaway database only, remove its volume (docs/deployment.md, Troubleshooting)."
            : "";
        return $"PostgreSQL rejected the login of {where} ({ex.SqlState}: {ex.MessageText}); not retrying.{hint}";
    }
}

/// <summary>The database refused the configured credentials or database name: a configuration error, not an outage.</summary>
public sealed class DatabaseLoginRejectedException(string message, Exception inner) : Exception(message, inner);
