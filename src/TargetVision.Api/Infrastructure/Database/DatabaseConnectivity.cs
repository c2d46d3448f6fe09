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
}
