using Npgsql;
using NpgsqlTypes;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Infrastructure.Events;

namespace TargetVision.Api.Features.Library;

/// <summary>
/// The only writer of what a photo's status is derived from — its work state (claim and job transitions) and its
/// current-description pointer — and the only publisher of photo.status. Every method runs on the caller's
/// connection and transaction, and announces a photo only when its derived status really changed.
/// </summary>
public sealed class PhotoStates(AppDbContext db, EventPublisher events)
{
    private const int MaxErrorLength = 1000;

    /// <summary>
    /// Marks photos queued for describing, skipping those already queued or processing (and deleted ones); returns
    /// the photos it claimed. Row locks make a concurrent claim of the same photo wait and then skip it, so two
    /// requests can never both enqueue (and pay for) a photo.
    /// </summary>
    public async Task<IReadOnlyList<int>> ClaimAsync(IReadOnlyCollection<int> photoIds, CancellationToken ct)
    {
        if (photoIds.Count == 0)
        {
            return [];
        }
        var changed = await UpdateAsync("""
            UPDATE photos p SET work_state = 'Queued', status_error = NULL, status_changed_at = now()
            FROM photos old
            WHERE old.id = p.id AND p.id = ANY(@ids) AND p.deleted_at IS NULL
              AND (p.work_state IS NULL OR p.work_state NOT IN ('Queued', 'Processing'))
            RETURNING p.id, p.image_key, old.status, p.status, p.status_error
            """, ct, new NpgsqlParameter("ids", photoIds.ToArray()));
        return [.. changed.Select(c => c.Id)];
    }

    /// <summary>Records where the photos' describe job is now (null: it succeeded or was cancelled).</summary>
    public async Task SetWorkAsync(IReadOnlyCollection<int> photoIds, PhotoWorkState? state, string? error, CancellationToken ct)
    {
        if (photoIds.Count == 0)
        {
            return;
        }
        await UpdateAsync("""
            UPDATE photos p SET work_state = @state, status_error = @error, status_changed_at = now()
            FROM photos old
            WHERE old.id = p.id AND p.id = ANY(@ids)
            RETURNING p.id, p.image_key, old.status, p.status, p.status_error
            """, ct,
            new NpgsqlParameter("ids", photoIds.ToArray()),
            new NpgsqlParameter("state", NpgsqlDbType.Varchar) { Value = state is { } s ? s.ToString() : DBNull.Value },
            new NpgsqlParameter("error", NpgsqlDbType.Text) { Value = state is null ? DBNull.Value : (object?)Truncate(error) ?? DBNull.Value });
    }

    /// <summary>
    /// Clears a failed describe attempt: the owner wrote the description by hand, so the failure no longer describes
    /// the photo. Queued or running work is left alone (it will replace the edit, as the owner asked for).
    /// </summary>
    public async Task ClearFailureAsync(int photoId, CancellationToken ct) =>
        await UpdateAsync("""
            UPDATE photos p SET work_state = NULL, status_error = NULL, status_changed_at = now()
            FROM photos old
            WHERE old.id = p.id AND p.id = @id AND p.work_state = 'Failed'
            RETURNING p.id, p.image_key, old.status, p.status, p.status_error
            """, ct, new NpgsqlParameter("id", photoId));

    /// <summary>Points the photo at its current description (null when its descriptions were deleted).</summary>
    public async Task SetCurrentVersionAsync(int photoId, long? versionId, CancellationToken ct) =>
        await UpdateAsync("""
            UPDATE photos p SET current_ai_version_id = @version, status_changed_at = now()
            FROM photos old
            WHERE old.id = p.id AND p.id = @id
            RETURNING p.id, p.image_key, old.status, p.status, p.status_error
            """, ct,
            new NpgsqlParameter("id", photoId),
            new NpgsqlParameter("version", NpgsqlDbType.Bigint) { Value = (object?)versionId ?? DBNull.Value });

    /// <summary>Runs a statement returning (id, image_key, old status, new status, error) and announces real changes.</summary>
    private async Task<List<(int Id, string ImageKey, PhotoStatus Before, PhotoStatus After, string? Error)>> UpdateAsync(
        string sql, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        var rows = new List<(int, string, PhotoStatus, PhotoStatus, string?)>();
        await using (var borrowed = await db.Database.BorrowConnectionAsync(ct))
        {
            await using var command = borrowed.Command(sql);
            command.Parameters.AddRange(parameters);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows.Add((reader.GetInt32(0), reader.GetString(1), Enum.Parse<PhotoStatus>(reader.GetString(2)), Enum.Parse<PhotoStatus>(reader.GetString(3)),
                    reader.IsDBNull(4) ? null : reader.GetString(4)));
            }
        }
        foreach (var (id, key, before, after, error) in rows.Where(r => r.Item3 != r.Item4))
        {
            await events.PublishAsync(new PhotoStatusEvent(id, key, after, after == PhotoStatus.Failed ? error : null), ct);
        }
        return rows;
    }

    private static string? Truncate(string? value) => value is { Length: > MaxErrorLength } ? value[..MaxErrorLength] : value;
}
