using Microsoft.Extensions.Logging;
using Npgsql;
using TargetVision.Api.Infrastructure.Database;

namespace TargetVision.Tests.Foundation;

/// <summary>
/// `migrate` and the backend wait for a database that is still starting, but a login the server rejects is a
/// configuration error: they must stop at the first answer with a message that says so.
/// </summary>
public sealed class DatabaseConnectivityTests
{
    [Fact]
    public async Task Unknown_role_fails_at_the_first_attempt_without_retrying()
    {
        var target = new NpgsqlConnectionStringBuilder(TestPostgres.AdminConnectionString) { Username = "tv_no_such_role", Pooling = false };
        var logger = new RecordingLogger();
        await using var dataSource = NpgsqlDataSource.Create(target.ConnectionString);

        var error = await Assert.ThrowsAsync<DatabaseLoginRejectedException>(() =>
            DatabaseConnectivity.WaitUntilReachableAsync(dataSource, TimeSpan.FromMinutes(5), logger, CancellationToken.None));

        Assert.Equal("28000", Assert.IsType<PostgresException>(error.InnerException).SqlState);
        Assert.Contains("user \"tv_no_such_role\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("not retrying", error.Message, StringComparison.Ordinal);
        Assert.Empty(logger.Warnings);
    }

    [Fact]
    public async Task Missing_database_fails_at_the_first_attempt_without_retrying()
    {
        var target = new NpgsqlConnectionStringBuilder(TestPostgres.AdminConnectionString) { Database = "tv_no_such_database", Pooling = false };
        var logger = new RecordingLogger();
        await using var dataSource = NpgsqlDataSource.Create(target.ConnectionString);

        var error = await Assert.ThrowsAsync<DatabaseLoginRejectedException>(() =>
            DatabaseConnectivity.WaitUntilReachableAsync(dataSource, TimeSpan.FromMinutes(5), logger, CancellationToken.None));

        Assert.Equal(PostgresErrorCodes.InvalidCatalogName, Assert.IsType<PostgresException>(error.InnerException).SqlState);
        Assert.Empty(logger.Warnings);
    }

    [Fact]
    public async Task Reachable_database_returns_without_warnings()
    {
        var logger = new RecordingLogger();
        await using var dataSource = NpgsqlDataSource.Create(TestPostgres.AdminConnectionString);
        await DatabaseConnectivity.WaitUntilReachableAsync(dataSource, TimeSpan.FromSeconds(30), logger, CancellationToken.None);
        Assert.Empty(logger.Warnings);
    }

    [Theory]
    [InlineData(PostgresErrorCodes.InvalidPassword, true)]
    [InlineData(PostgresErrorCodes.InvalidAuthorizationSpecification, true)]
    [InlineData(PostgresErrorCodes.InvalidCatalogName, true)]
    [InlineData(PostgresErrorCodes.CannotConnectNow, false)]
    [InlineData(PostgresErrorCodes.TooManyConnections, false)]
    [InlineData(PostgresErrorCodes.AdminShutdown, false)]
    public void Only_authorization_and_missing_database_errors_are_permanent(string sqlState, bool permanent) =>
        Assert.Equal(permanent, DatabaseConnectivity.IsPermanent(new PostgresException("message", "FATAL", "FATAL", sqlState)));

    private sealed class RecordingLogger : ILogger
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning)
            {
                Warnings.Add(formatter(state, exception));
            }
        }
    }
}
