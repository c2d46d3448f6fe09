using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using TargetVision.Api.Features.Library;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Infrastructure.Events;

namespace TargetVision.Api.Features.Processing;

/// <summary>
/// Changes photo statuses and announces each change as a photo.status event on the same connection (and
/// transaction, when the caller has one), so the browser never hears about a status that was not stored.
/// </summary>
public sealed class PhotoStatusUpdater(AppDbContext db, EventPublisher events)
{
    /// <summary>Sets the status of the given photos, except those currently in <paramref name="unless"/>.</summary>
    public async Task<int> SetAsync(IReadOnlyCollection<int> photoIds, PhotoStatus status, string? error, CancellationToken ct, params PhotoStatus[] unless)
    {
        if (photoIds.Count == 0)
        {
            return 0;
        }
        var changed = await QueryAsync("""
            UPDATE photos SET status = @status, status_error = @error, status_changed_at = now()
            WHERE id = ANY(@ids) AND NOT (status = ANY(@skip))
            RETURNING id, image_key, status
            """, ct,
            new NpgsqlParameter("status", status.ToString()),
            new NpgsqlParameter("error", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)Truncate(error) ?? DBNull.Value },
            new NpgsqlParameter("ids", photoIds.ToArray()),
            new NpgsqlParameter("skip", unless.Select(s => s.ToString()).ToArray()));
        await PublishAsync(changed, Truncate(error), ct);
        return changed.Count;
    }

    /// <summary>Queues photos that are not already queued or processing; returns the ones it queued.</summary>
    public async Task<IReadOnlyList<int>> ClaimForQueueAsync(IReadOnlyCollection<int> photoIds, CancellationToken ct)
    {
        var changed = await QueryAsync("""
            UPDATE photos SET status = 'Queued', status_error = NULL, status_changed_at = now()
            WHERE id = ANY(@ids) AND status NOT IN ('Queued', 'Processing')
            RETURNING id, image_key, status
            """, ct, new NpgsqlParameter("ids", photoIds.ToArray()));
        await PublishAsync(changed, null, ct);
        return changed.Select(c => c.Id).ToList();
    }

    /// <summary>Back to what the stored data says: completed when a description exists, not processed otherwise.</summary>
    public async Task<int> RevertAsync(IReadOnlyCollection<int> photoIds, CancellationToken ct)
    {
        if (photoIds.Count == 0)
        {
            return 0;
        }
        var changed = await QueryAsync("""
            UPDATE photos p SET status = CASE WHEN EXISTS (SELECT 1 FROM photo_ai_versions v WHERE v.photo_id = p.id) THEN 'Completed' ELSE 'NotProcessed' END,
                   status_error = NULL, status_changed_at = now()
            WHERE p.id = ANY(@ids)
            RETURNING p.id, p.image_key, p.status
            """, ct, new NpgsqlParameter("ids", photoIds.ToArray()));
        await PublishAsync(changed, null, ct);
        return changed.Count;
    }

    /// <summary>Runs a status-changing statement that returns (id, image_key, status) and announces every row.</summary>
    public async Task<int> RepairAsync(string sql, CancellationToken ct)
    {
        var changed = await QueryAsync(sql, ct);
        await PublishAsync(changed, null, ct);
        return changed.Count;
    }

    private async Task PublishAsync(IEnumerable<(int Id, string ImageKey, PhotoStatus Status)> rows, string? error, CancellationToken ct)
    {
        foreach (var (id, key, status) in rows)
        {
            await events.PublishAsync(PhotoStatusEvent.Type, new PhotoStatusEvent(id, key, Snake(status), status == PhotoStatus.Failed ? error : null), ct);
        }
    }

    private async Task<List<(int Id, string ImageKey, PhotoStatus Status)>> QueryAsync(string sql, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction;
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.AddRange(parameters);
            var rows = new List<(int, string, PhotoStatus)>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows.Add((reader.GetInt32(0), reader.GetString(1), Enum.Parse<PhotoStatus>(reader.GetString(2))));
            }
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static string Snake(PhotoStatus status) => status switch
    {
        PhotoStatus.NotProcessed => "not_processed",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static string? Truncate(string? value) => value is { Length: > 1000 } ? value[..1000] : value;
}
