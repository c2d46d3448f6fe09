using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using TargetVision.Api.Infrastructure.Database;

namespace TargetVision.Api.Infrastructure.Events;

/// <summary>
/// Stores an event and NOTIFYs every replica in one statement. Inside a transaction, PostgreSQL delivers the
/// notification only on commit, so nobody hears about work that was rolled back.
/// </summary>
public sealed class EventPublisher(AppDbContext db)
{
    public const string Channel = "tv_events";

    // The payload carries the whole event (kept small by design, under NOTIFY's 8000-byte limit) so listeners need
    // no query; the row serves Last-Event-ID replays.
    private const string Sql = """
        WITH e AS (INSERT INTO events (type, data, created_at) VALUES (@type, @data::jsonb, now()) RETURNING id, type, data)
        SELECT pg_notify('tv_events', json_build_object('id', id, 'type', type, 'data', data)::text) FROM e
        """;

    /// <summary>Publishes through the context's connection, joining its current transaction if there is one.</summary>
    public async Task PublishAsync(string type, object data, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction;
            await PublishAsync(connection, transaction, type, data, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static async Task PublishAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string type, object data, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.AddWithValue("type", type);
        command.Parameters.AddWithValue("data", JsonSerializer.Serialize(data, JsonSerializerOptions.Web));
        await command.ExecuteNonQueryAsync(ct);
    }
}
