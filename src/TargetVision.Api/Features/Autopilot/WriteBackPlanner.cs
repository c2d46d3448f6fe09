using Microsoft.EntityFrameworkCore;
using TargetVision.Api.Features.Library;
using TargetVision.Api.Features.Processing;
using TargetVision.Api.Features.SmugMug;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Infrastructure.Jobs;

namespace TargetVision.Api.Features.Autopilot;

/// <summary>Why a write-back cannot start; the API turns it into a problem.</summary>
public sealed class WriteBackRefusedException(int status, string title, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
}

/// <summary>
/// Previews, starts and undoes write-backs. A preview is stored: for each opted-in photo with an approved
/// description it keeps the SmugMug values it saw (the last sync's), the values to write and the LastUpdated it saw,
/// and the write job writes exactly those values — or skips a photo that changed on SmugMug since. Undo restores what
/// SmugMug had just before the write, unless the photo changed after the write (then only with force).
/// </summary>
public sealed class WriteBackPlanner(AppDbContext db, PhotoScopes scopes, AutopilotSettingsStore settingsStore, SmugMugAccountStore accounts, JobQueue queue, TimeProvider clock)
{
    public const int MaxPreviewPhotos = 5000;
    public const int TitleLength = 60;

    /// <summary>The permission writing needs, checked the way publishing a collection checks it.</summary>
    public const string RequiredPermission = "Modify";

    public async Task EnsureModifyAsync(CancellationToken ct)
    {
        var account = await accounts.GetAccountAsync(ct)
            ?? throw new WriteBackRefusedException(StatusCodes.Status409Conflict, "SmugMug not connected", "Connect SmugMug first (Settings → SmugMug), allowing Modify.");
        if (!string.Equals(account.Permissions, RequiredPermission, StringComparison.OrdinalIgnoreCase))
        {
            throw new WriteBackRefusedException(StatusCodes.Status403Forbidden, "SmugMug permission too low",
                $"Writing captions and keywords needs the Modify permission; this connection has {account.Permissions}. Disconnect SmugMug in Settings and connect again, allowing Modify.");
        }
    }

    public async Task<(WriteBackView? View, Dictionary<string, string[]> Errors)> PreviewAsync(WriteBackPreviewRequest request, CancellationToken ct)
    {
        var scope = request.Scope?.Trim().ToLowerInvariant() switch
        {
            "photos" => PhotoScope.Selection(request.PhotoIds),
            "album" => PhotoScope.Album(request.AlbumKey),
            "folder" => PhotoScope.Folder(request.FolderPath),
            _ => null,
        };
        if (scope is null)
        {
            return (null, new() { ["scope"] = ["Must be one of: photos, album, folder."] });
        }
        var (photos, errors) = await scopes.ResolveAsync(scope, ct);
        if (photos is null)
        {
            return (null, errors);
        }
        var settings = await settingsStore.GetAsync(ct);
        var targets = await db.Set<WriteBackTarget>().AsNoTracking().ToListAsync(ct);
        var rows = await photos.Query.Where(p => !p.IsVideo).OrderBy(p => p.Id).Take(MaxPreviewPhotos + 1)
            .Select(p => new
            {
                p.Id,
                p.ImageKey,
                p.Caption,
                p.Keywords,
                p.Title,
                p.LastUpdated,
                AlbumKey = p.Album!.AlbumKey,
                p.Album.FolderPath,
                Approved = db.Set<PhotoAiVersion>().Where(v => v.PhotoId == p.Id && v.Approved).OrderByDescending(v => v.Version)
                    .Select(v => new { v.Id, v.Description, v.Keywords }).FirstOrDefault(),
            }).ToListAsync(ct);
        if (rows.Count > MaxPreviewPhotos)
        {
            return (null, new() { ["scope"] = [$"Preview at most {MaxPreviewPhotos} photos at a time."] });
        }

        var writeBack = new WriteBack { Label = $"Write back {photos.Label}", Status = WriteBackStatus.Previewed, CreatedAt = clock.GetUtcNow() };
        var items = new List<WriteBackItem>();
        int notOptedIn = 0, notApproved = 0, unchanged = 0;
        foreach (var row in rows)
        {
            if (!IsOptedIn(targets, row.AlbumKey, row.FolderPath))
            {
                notOptedIn++;
                continue;
            }
            if (row.Approved is not { } approved)
            {
                notApproved++;
                continue;
            }
            var (caption, keywords, title) = Plan(settings, row.Caption, row.Keywords, row.Title, approved.Description, approved.Keywords);
            if (caption is null && keywords is null && title is null)
            {
                unchanged++;
                continue;
            }
            items.Add(new WriteBackItem
            {
                PhotoId = row.Id,
                ImageKey = row.ImageKey,
                AiVersionId = approved.Id,
                SeenLastUpdated = row.LastUpdated,
                OldCaption = row.Caption,
                OldKeywords = row.Keywords,
                OldTitle = row.Title,
                NewCaption = caption,
                NewKeywords = keywords,
                NewTitle = title,
                Status = WriteBackItemStatus.Pending,
            });
        }
        if (items.Count > 0)
        {
            db.Add(writeBack);
            await db.SaveChangesAsync(ct);
            foreach (var item in items)
            {
                item.WriteBackId = writeBack.Id;
            }
            db.AddRange(items);
            await db.SaveChangesAsync(ct);
        }
        return (ToView(items.Count > 0 ? writeBack.Id : null, writeBack, items, unchanged, notOptedIn, notApproved), errors);
    }

    /// <summary>
    /// The values to write, or null for a field left alone: keywords merged (the photographer's first, in their order,
    /// then the AI's that are missing, compared case-insensitively), the caption when empty or always, the title when
    /// empty (the description's first sentence, shortened).
    /// </summary>
    public static (string? Caption, List<string>? Keywords, string? Title) Plan(
        AutopilotSettings s, string? caption, IReadOnlyList<string> keywords, string? title, string description, IReadOnlyList<string> aiKeywords)
    {
        List<string>? newKeywords = null;
        if (s.WriteKeywords)
        {
            var merged = keywords.ToList();
            var seen = new HashSet<string>(keywords.Select(k => k.Trim()), StringComparer.OrdinalIgnoreCase);
            foreach (var k in aiKeywords.Select(k => k.Replace(';', ' ').Replace(',', ' ').Trim()).Where(k => k.Length > 0))
            {
                if (seen.Add(k))
                {
                    merged.Add(k);
                }
            }
            newKeywords = merged.Count > keywords.Count ? merged : null;
        }
        var text = description.Trim();
        string? newCaption = s.Caption switch
        {
            CaptionMode.Always when text.Length > 0 && !string.Equals(caption?.Trim(), text, StringComparison.Ordinal) => text,
            CaptionMode.WhenEmpty when text.Length > 0 && string.IsNullOrWhiteSpace(caption) => text,
            _ => null,
        };
        var newTitle = s.Title == TitleMode.WhenEmpty && string.IsNullOrWhiteSpace(title) && TitleFrom(text) is { Length: > 0 } t ? t : null;
        return (newCaption, newKeywords, newTitle);
    }

    public static string TitleFrom(string description)
    {
        var end = description.IndexOfAny(['.', '!', '?', '\n']);
        var sentence = (end > 0 ? description[..end] : description).Trim();
        if (sentence.Length <= TitleLength)
        {
            return sentence;
        }
        var cut = sentence[..TitleLength];
        var space = cut.LastIndexOf(' ');
        return (space > 20 ? cut[..space] : cut).TrimEnd(',', ';', ':', ' ') + "…";
    }

    public static bool IsOptedIn(IReadOnlyCollection<WriteBackTarget> targets, string albumKey, string folderPath) =>
        targets.Any(t => (t.Kind == "album" && t.Key == albumKey)
            || (t.Kind == "folder" && (t.Key.Length == 0 || folderPath == t.Key || folderPath.StartsWith(t.Key + " / ", StringComparison.Ordinal))));

    public async Task<WriteBackView?> GetAsync(long id, CancellationToken ct)
    {
        var writeBack = await db.Set<WriteBack>().AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, ct);
        if (writeBack is null)
        {
            return null;
        }
        if (writeBack.Status == WriteBackStatus.Writing && writeBack.BatchId is { } batchId
            && await db.Set<JobBatch>().AsNoTracking().Where(b => b.Id == batchId).Select(b => (BatchStatus?)b.Status).SingleOrDefaultAsync(ct) is { } batchStatus
            && batchStatus is BatchStatus.Completed or BatchStatus.Cancelled)
        {
            // The writing batch has ended: the write-back is written (or cancelled), not "writing" for ever.
            writeBack.Status = batchStatus == BatchStatus.Completed ? WriteBackStatus.Written : WriteBackStatus.Cancelled;
            await db.Set<WriteBack>().Where(w => w.Id == id && w.Status == WriteBackStatus.Writing)
                .ExecuteUpdateAsync(u => u.SetProperty(w => w.Status, writeBack.Status), ct);
        }
        var items = await db.Set<WriteBackItem>().AsNoTracking().Where(i => i.WriteBackId == id).OrderBy(i => i.PhotoId).ToListAsync(ct);
        return ToView(id, writeBack, items, 0, 0, 0);
    }

    /// <summary>Starts the batch that writes a previewed write-back (once; a second confirm answers the same batch).</summary>
    public async Task<JobBatch> ConfirmAsync(long id, CancellationToken ct)
    {
        await EnsureModifyAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var writeBack = await db.Set<WriteBack>().FromSql($"SELECT * FROM writebacks WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(ct)
            ?? throw new WriteBackRefusedException(StatusCodes.Status404NotFound, "Not found", "No write-back preview has this id.");
        if (writeBack.BatchId is { } existing)
        {
            return await db.Set<JobBatch>().SingleAsync(b => b.Id == existing, ct);
        }
        var itemIds = await db.Set<WriteBackItem>().Where(i => i.WriteBackId == id && i.Status == WriteBackItemStatus.Pending).Select(i => i.Id).ToListAsync(ct);
        var batch = await queue.CreateBatchAsync(WriteBackPayload.Kind, $"{writeBack.Label} to SmugMug",
            [.. itemIds.Select(i => new NewJob(new WriteBackPayload(i), $"writeback:{i}"))], new { writeBackId = id }, ct);
        writeBack.BatchId = batch.Id;
        writeBack.Status = WriteBackStatus.Writing;
        writeBack.ConfirmedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return batch;
    }

    /// <summary>Queues undo for the newest written item of each matching photo; protected ones only with force.</summary>
    public async Task<(JobBatch? Batch, int Photos, Dictionary<string, string[]> Errors)> UndoAsync(WriteBackUndoRequest request, CancellationToken ct)
    {
        var force = request.Force == true;
        if (request.WriteBackId is null && request.PhotoIds is not { Length: > 0 } && string.IsNullOrWhiteSpace(request.AlbumKey))
        {
            return (null, 0, new() { ["writeBackId"] = ["Give a write-back id, photo ids or an album key."] });
        }
        if (request.PhotoIds is { Length: > PhotoScope.MaxPhotoIds })
        {
            return (null, 0, new() { ["photoIds"] = [$"At most {PhotoScope.MaxPhotoIds} photo ids."] });
        }
        await EnsureModifyAsync(ct);
        var items = db.Set<WriteBackItem>().AsNoTracking()
            .Where(i => i.Status == WriteBackItemStatus.Written || (force && i.Status == WriteBackItemStatus.Protected));
        // Only the newest write of a photo can be undone: an older one was written over by it.
        items = items.Where(i => !db.Set<WriteBackItem>().Any(n => n.PhotoId == i.PhotoId && n.Id > i.Id
            && (n.Status == WriteBackItemStatus.Written || n.Status == WriteBackItemStatus.Protected)));
        if (request.WriteBackId is { } wid)
        {
            items = items.Where(i => i.WriteBackId == wid);
        }
        if (request.PhotoIds is { Length: > 0 } ids)
        {
            items = items.Where(i => ids.Contains(i.PhotoId));
        }
        if (!string.IsNullOrWhiteSpace(request.AlbumKey))
        {
            var key = request.AlbumKey.Trim();
            items = items.Where(i => db.Set<Photo>().Any(p => p.Id == i.PhotoId && p.Album!.AlbumKey == key));
        }
        var selected = await items.OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(ct);
        if (selected.Count == 0)
        {
            return (null, 0, new());
        }
        var stamp = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var batch = await queue.CreateBatchAsync(UndoWriteBackPayload.Kind, $"Undo write-back of {selected.Count} photo(s)",
            [.. selected.Select(i => new NewJob(new UndoWriteBackPayload(i, force), $"writeback-undo:{i}:{stamp}"))], new { request.WriteBackId, request.AlbumKey, force }, ct);
        return (batch, selected.Count, new());
    }

    private static WriteBackView ToView(long? id, WriteBack w, List<WriteBackItem> items, int unchanged, int notOptedIn, int notApproved) => new(
        id, w.Label, w.Status, w.BatchId, items.Count, unchanged, notOptedIn, notApproved,
        items.GroupBy(i => i.Status).ToDictionary(g => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(g.Key.ToString()), g => g.Count()),
        [.. items.Select(ItemView)]);

    private static WriteBackItemView ItemView(WriteBackItem i) => new(
        i.Id, i.PhotoId, i.ImageKey, i.Status, i.Message,
        i.NewCaption is null ? null : new FieldChange<string?>(i.OldCaption, i.NewCaption),
        i.NewKeywords is null ? null : new FieldChange<IReadOnlyList<string>>(i.OldKeywords, i.NewKeywords),
        i.NewTitle is null ? null : new FieldChange<string?>(i.OldTitle, i.NewTitle),
        i.WrittenAt, i.UndoneAt);
}
