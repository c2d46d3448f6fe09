using Microsoft.EntityFrameworkCore;
using Npgsql;
using TargetVision.Api.Features.Ai;
using TargetVision.Api.Features.Library;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Infrastructure.Jobs;

namespace TargetVision.Api.Features.Processing;

/// <summary>
/// Writes a new description version together with its usage record and the photo's current-description pointer in
/// one transaction, so a crash leaves either all or none. What follows a version (embedding) is declared in
/// <see cref="DescriptionPipeline"/>.
/// </summary>
public sealed class AiVersionWriter(AppDbContext db, JobQueue queue, PhotoStates states, TimeProvider clock)
{
    /// <summary>Saves a paid description. Returns the existing version instead when this batch already paid for one.</summary>
    public async Task<PhotoAiVersion> SaveGeneratedAsync(Photo photo, DescriptionOutcome outcome, ResolvedPrompt prompt, Guid? batchId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var version = new PhotoAiVersion
        {
            PhotoId = photo.Id,
            Description = outcome.Result.Description,
            Keywords = [.. outcome.Result.Keywords],
            PeopleCount = outcome.Result.PeopleCount,
            Setting = outcome.Result.Setting,
            Provider = outcome.Model.Provider,
            Model = outcome.Model.Id,
            PromptId = prompt.Id,
            PromptVersion = prompt.Version,
            InputTokens = outcome.Result.InputTokens,
            OutputTokens = outcome.Result.OutputTokens,
            CostUsd = outcome.CostUsd,
            LatencyMs = outcome.LatencyMs,
            BatchId = batchId,
            CreatedAt = now,
        };
        try
        {
            await SaveAsync(version, PhotoDescriber.Usage(outcome, "describe", photo.Id, now), ct);
            return version;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } && batchId is not null)
        {
            // Another worker (an expired lease re-run) saved this batch's description first: keep that one.
            db.ChangeTracker.Clear();
            return await db.Set<PhotoAiVersion>().AsNoTracking().SingleAsync(v => v.PhotoId == photo.Id && v.BatchId == batchId, ct);
        }
    }

    /// <summary>A human edit: a new, unapproved version carrying the previous version's model for reference.</summary>
    public async Task<PhotoAiVersion?> SaveEditAsync(int photoId, string description, IReadOnlyList<string> keywords, CancellationToken ct)
    {
        var previous = await db.Set<PhotoAiVersion>().AsNoTracking().Where(v => v.PhotoId == photoId).OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct);
        var version = new PhotoAiVersion
        {
            PhotoId = photoId,
            Description = description,
            Keywords = [.. keywords],
            PeopleCount = previous?.PeopleCount,
            Setting = previous?.Setting,
            Provider = previous?.Provider ?? "user",
            Model = previous?.Model ?? "user",
            PromptId = previous?.PromptId,
            PromptVersion = previous?.PromptVersion,
            EditedByUser = true,
            CreatedAt = clock.GetUtcNow(),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await SaveAsync(version, null, ct);
        await states.ClearFailureAsync(photoId, ct);
        var embed = DescriptionPipeline.EmbedText(photoId, version.Version);
        await queue.EnqueueAsync(EmbedTextPayload.Kind, embed.Payload, embed.IdempotencyKey, ct);
        await transaction.CommitAsync(ct);
        return version;
    }

    /// <summary>Joins the caller's transaction (an edit also queues its embedding) or runs in its own.</summary>
    private async Task SaveAsync(PhotoAiVersion version, AiUsageRecord? usage, CancellationToken ct)
    {
        await using var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var last = await LockPhotoAndGetLastVersionAsync(version.PhotoId, ct)
            ?? throw new PermanentJobException($"Photo {version.PhotoId} no longer exists.");
        version.Version = last + 1;
        db.Add(version);
        if (usage is not null)
        {
            db.Add(usage);
        }
        await db.SaveChangesAsync(ct);
        await states.SetCurrentVersionAsync(version.PhotoId, version.Id, ct);
        if (owned is not null)
        {
            await owned.CommitAsync(ct);
        }
    }

    /// <summary>The row lock serialises version numbering per photo (a regenerate racing an edit).</summary>
    private async Task<int?> LockPhotoAndGetLastVersionAsync(int photoId, CancellationToken ct)
    {
        await using var borrowed = await db.Database.BorrowConnectionAsync(ct);
        await using var lockRow = borrowed.Command("SELECT id FROM photos WHERE id = @id FOR UPDATE");
        lockRow.Parameters.AddWithValue("id", photoId);
        if (await lockRow.ExecuteScalarAsync(ct) is not int)
        {
            return null;
        }
        // A separate statement after the lock: under READ COMMITTED it takes a fresh snapshot, so it sees the version
        // the previous lock holder committed (a subquery in the locking statement kept the old snapshot and raced).
        await using var last = borrowed.Command("SELECT coalesce(max(version), 0) FROM photo_ai_versions WHERE photo_id = @id");
        last.Parameters.AddWithValue("id", photoId);
        return await last.ExecuteScalarAsync(ct) is int version ? version : 0;
    }
}
