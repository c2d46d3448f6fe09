using Microsoft.EntityFrameworkCore;
using TargetVision.Api.Features.Library;
using TargetVision.Api.Features.SmugMug;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Infrastructure.Jobs;
using TargetVision.Api.Integrations.SmugMug;

namespace TargetVision.Api.Features.Autopilot;

/// <summary>Write one previewed photo to SmugMug.</summary>
public sealed record WriteBackPayload(long ItemId)
{
    public const string Kind = "autopilot.writeback";
}

/// <summary>Restore one written photo's previous SmugMug values; <see cref="Force"/> overrides the LastUpdated check.</summary>
public sealed record UndoWriteBackPayload(long ItemId, bool Force)
{
    public const string Kind = "autopilot.writeback-undo";
}

/// <summary>
/// Writes one photo: reads its text fields from SmugMug, skips it when it changed since the preview, keeps the
/// values it is about to replace (saved before the PATCH, so a retry after a lost answer still knows them), sends
/// the signed PATCH and records the LastUpdated SmugMug answered. The local copy takes the written values and that
/// LastUpdated, so the next sync sees nothing to fetch and the values count as the photographer's own from then on.
/// </summary>
public sealed class WriteBackJobHandler(AppDbContext db, SmugMugAccountStore accounts, SmugMugClient client, TimeProvider clock) : IJobHandler
{
    public async Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var item = await db.Set<WriteBackItem>().SingleOrDefaultAsync(i => i.Id == context.PayloadAs<WriteBackPayload>().ItemId, ct)
            ?? throw new PermanentJobException("The write-back item is gone.");
        if (item.Status != WriteBackItemStatus.Pending)
        {
            return new JobResult(new { item.Status });
        }
        try
        {
            var credentials = await accounts.GetCredentialsAsync(ct);
            var live = await client.GetImageTextAsync(credentials, item.ImageKey, ct);
            if (live.LastUpdated != item.SeenLastUpdated)
            {
                if (item.PreviousKeywords is not null && WriteBackValues.Matches(live, item.NewCaption, item.NewKeywords, item.NewTitle))
                {
                    // Our own PATCH went through but its answer was lost: it is written.
                    await RecordWrittenAsync(item, live, ct);
                    return new JobResult(new { written = true, recovered = true });
                }
                item.Status = WriteBackItemStatus.Skipped;
                item.Message = "Changed on SmugMug since the preview; preview again to include it.";
                await db.SaveChangesAsync(ct);
                return new JobResult(new { skipped = item.Message });
            }
            item.PreviousCaption = live.Caption ?? "";
            item.PreviousKeywords = live.Keywords;
            item.PreviousTitle = live.Title ?? "";
            await db.SaveChangesAsync(ct);
            var written = await client.PatchImageAsync(credentials, item.ImageKey, item.NewCaption, item.NewKeywords, item.NewTitle, ct);
            await RecordWrittenAsync(item, written, ct);
            return new JobResult(new { written = true });
        }
        catch (Exception e) when (SmugMugJobFailure.From(e) is { } failure)
        {
            throw failure;
        }
    }

    private async Task RecordWrittenAsync(WriteBackItem item, SmugMugImage written, CancellationToken ct)
    {
        item.Status = WriteBackItemStatus.Written;
        item.Message = null;
        item.WrittenLastUpdated = written.LastUpdated;
        item.WrittenAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await WriteBackValues.ApplyLocallyAsync(db, item.PhotoId, written, ct);
    }
}

/// <summary>
/// Undoes one photo's write: restores the fields the write changed to what SmugMug had before it. A photo whose
/// LastUpdated moved since the write was changed on SmugMug by someone else; it is marked protected and left alone
/// unless the owner confirmed (force).
/// </summary>
public sealed class UndoWriteBackJobHandler(AppDbContext db, SmugMugAccountStore accounts, SmugMugClient client, TimeProvider clock) : IJobHandler
{
    public async Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var payload = context.PayloadAs<UndoWriteBackPayload>();
        var item = await db.Set<WriteBackItem>().SingleOrDefaultAsync(i => i.Id == payload.ItemId, ct)
            ?? throw new PermanentJobException("The write-back item is gone.");
        if (item.Status is not (WriteBackItemStatus.Written or WriteBackItemStatus.Protected))
        {
            return new JobResult(new { item.Status });
        }
        var caption = item.NewCaption is null ? null : item.PreviousCaption ?? "";
        var keywords = item.NewKeywords is null ? null : item.PreviousKeywords ?? [];
        var title = item.NewTitle is null ? null : item.PreviousTitle ?? "";
        try
        {
            var credentials = await accounts.GetCredentialsAsync(ct);
            var live = await client.GetImageTextAsync(credentials, item.ImageKey, ct);
            SmugMugImage restored;
            if (WriteBackValues.Matches(live, caption, keywords, title))
            {
                restored = live; // already restored (a retry after a lost answer)
            }
            else if (live.LastUpdated != item.WrittenLastUpdated && !payload.Force)
            {
                item.Status = WriteBackItemStatus.Protected;
                item.Message = "Changed on SmugMug after the write; undo it again with confirmation to overwrite that change.";
                await db.SaveChangesAsync(ct);
                return new JobResult(new { protectedChange = true });
            }
            else
            {
                restored = await client.PatchImageAsync(credentials, item.ImageKey, caption, keywords, title, ct);
            }
            item.Status = WriteBackItemStatus.Undone;
            item.Message = null;
            item.UndoneAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            await WriteBackValues.ApplyLocallyAsync(db, item.PhotoId, restored, ct);
            return new JobResult(new { undone = true });
        }
        catch (Exception e) when (SmugMugJobFailure.From(e) is { } failure)
        {
            throw failure;
        }
    }
}

internal static class WriteBackValues
{
    public static bool Matches(SmugMugImage live, string? caption, IReadOnlyList<string>? keywords, string? title) =>
        (caption is null || string.Equals(live.Caption ?? "", caption, StringComparison.Ordinal))
        && (keywords is null || live.Keywords.SequenceEqual(keywords, StringComparer.Ordinal))
        && (title is null || string.Equals(live.Title ?? "", title, StringComparison.Ordinal));

    /// <summary>The local copy takes SmugMug's answer, LastUpdated included, as a sync would have.</summary>
    public static Task ApplyLocallyAsync(AppDbContext db, int photoId, SmugMugImage image, CancellationToken ct) =>
        db.Set<Photo>().Where(p => p.Id == photoId).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.Caption, image.Caption)
            .SetProperty(p => p.Title, image.Title)
            .SetProperty(p => p.Keywords, image.Keywords)
            .SetProperty(p => p.LastUpdated, image.LastUpdated), ct);
}
