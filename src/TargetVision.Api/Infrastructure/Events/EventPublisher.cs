using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using TargetVision.Api.Infrastructure.Database;

namespace TargetVision.Api.Infrastructure.Events;

/// <summary>
/// Stores an event and NOTIFYs every replica in one statement, on the context's connection and inside its current
/// transaction when there is one: PostgreSQL then delivers the notification only on commit, so nobody hears about
/// work that was rolled back.
/// </summary>
public sealed class EventPublisher(AppDbContext db, IOptions<JsonOptions> json)
{
    public const string Channel = "tv_events";

    // The payload carries the whole event (kept small by design, under NOTIFY's 8000-byte limit) so listeners need
    // no query; the row serves Last-Event-ID replays.
    private const string Sql = """
        WITH e AS (INSERT INTO events (type, data, created_at) VALUES (@type, @data::jsonb, now()) RETURNING id, type, data)
        SELECT pg_notify('tv_events', json_build_object('id', id, 'type', type, 'data', data)::text) FROM e
        """;

    public async Task PublishAsync<TEvent>(TEvent data, CancellationToken ct) where TEvent : IEvent
    {
        await using var borrowed = await db.Database.BorrowConnectionAsync(ct);
        await using var command = borrowed.Command(Sql);
        command.Parameters.AddWithValue("type", TEvent.Type);
        command.Parameters.AddWithValue("data", JsonSerializer.Serialize(data, json.Value.SerializerOptions));
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Reads a received event's payload back into its record, with the same options it was written with.</summary>
    public static TEvent? Read<TEvent>(EventMessage message, JsonSerializerOptions options) where TEvent : class, IEvent =>
        message.Type == TEvent.Type ? message.Data.Deserialize<TEvent>(options) : null;
}
