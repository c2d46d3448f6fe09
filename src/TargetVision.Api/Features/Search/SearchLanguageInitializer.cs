using Microsoft.Extensions.Options;
using Npgsql;

namespace TargetVision.Api.Features.Search;

/// <summary>
/// Aligns the database's search configuration with Search:TextSearchConfiguration at start (after migrations). The
/// documents are built inside PostgreSQL, so the language must live there too; a change rebuilds them once, under an
/// advisory lock so that replicas starting together do it once.
/// </summary>
internal sealed partial class SearchLanguageInitializer(
    NpgsqlDataSource dataSource, IOptions<SearchOptions> options, ILogger<SearchLanguageInitializer> logger) : IHostedService
{
    private const long LockKey = 0x5456_5345_4152; // "TV" + "SEAR"

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var language = options.Value.TextSearchConfiguration;
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                "SELECT pg_advisory_xact_lock(@key); SELECT search_use_language(@language::regconfig)", connection, transaction);
            command.Parameters.AddWithValue("key", LockKey);
            command.Parameters.AddWithValue("language", language);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                await reader.NextResultAsync(cancellationToken);
                if (await reader.ReadAsync(cancellationToken) && reader.GetBoolean(0))
                {
                    LogRebuilt(logger, language);
                }
            }
            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UndefinedObject or PostgresErrorCodes.UndefinedFunction or PostgresErrorCodes.RaiseException)
        {
            // An unknown language, or a schema not migrated yet (MigrateOnStartup off): search keeps its current language.
            LogNotApplied(logger, language, ex.MessageText);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Search language set to {Language}; search documents rebuilt")]
    private static partial void LogRebuilt(ILogger logger, string language);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search language {Language} not applied: {Reason}")]
    private static partial void LogNotApplied(ILogger logger, string language, string reason);
}
