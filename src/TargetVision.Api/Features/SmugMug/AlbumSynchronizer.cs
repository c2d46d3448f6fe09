using Microsoft.EntityFrameworkCore;
using TargetVision.Api.Features.Library;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Integrations.SmugMug;

namespace TargetVision.Api.Features.SmugMug;

/// <summary>
/// Copies one album from SmugMug into the database, idempotently and incrementally:
/// <list type="bullet">
/// <item>rows are keyed by AlbumKey/ImageKey, so a photo moved between albums keeps its row (and AI metadata);</item>
/// <item>when the album's ImagesLastUpdated is unchanged only a cheap key/LastUpdated listing is read — SmugMug does
/// not move the album stamp when an image's metadata is edited, so the listing is still needed to catch edits —
/// and only changed photos are fetched in full;</item>
/// <item>a photo whose LastUpdated and serial are unchanged is not written at all.</item>
/// </list>
/// </summary>
public sealed class AlbumSynchronizer(
    AppDbContext db, SmugMugClient client, FolderRecorder folders, TimeProvider clock, ILogger<AlbumSynchronizer> logger)
{
    /// <summary>Above this many changed photos one full listing is cheaper than fetching each.</summary>
    private const int FetchIndividuallyLimit = 20;

    public async Task<AlbumSyncResult> SyncAsync(OAuthCredentials credentials, AlbumSyncPayload payload, CancellationToken ct)
    {
        using var requests = SmugMugRequestTally.Start();
        var now = clock.GetUtcNow();
        var album = await db.Set<Album>().SingleOrDefaultAsync(a => a.AlbumKey == payload.AlbumKey, ct);

        try
        {
            return await SyncExistingAsync(credentials, payload, album, now, requests, ct);
        }
        catch (SmugMugApiException e) when (e.Kind == SmugMugErrorKind.NotFound)
        {
            // Deleted on SmugMug (or no longer visible): its photos are marked deleted, their AI work kept.
            db.ChangeTracker.Clear();
            album = await db.Set<Album>().SingleOrDefaultAsync(a => a.AlbumKey == payload.AlbumKey, ct);
            var removedCount = album is null ? 0 : await MarkAlbumDeletedAsync(album, now, ct);
            return new AlbumSyncResult(payload.AlbumKey, 0, 0, removedCount, requests.Count);
        }
    }

    private async Task<AlbumSyncResult> SyncExistingAsync(
        OAuthCredentials credentials, AlbumSyncPayload payload, Album? album, DateTimeOffset now, SmugMugRequestTally requests, CancellationToken ct)
    {
        var remote = payload.Album ?? await client.GetAlbumAsync(credentials, payload.AlbumKey, ct);

        var isNew = album is null;
        album ??= db.Add(new Album { AlbumKey = remote.AlbumKey, Name = remote.Name, CreatedAt = now }).Entity;
        var imagesUnchanged = !isNew && album.SyncedAt is not null && album.DeletedAt is null
            && album.ImagesLastUpdated == remote.ImagesLastUpdated;

        var folderPath = payload.FolderPath;
        var parentNodeId = payload.ParentNodeId;
        if (folderPath is null && (isNew || album.NodeId != remote.NodeId) && remote.NodeId is not null)
        {
            // A lone album sync: the breadcrumb gives the folder path (self first, root last).
            var parents = await client.GetParentsAsync(credentials, remote.NodeId, ct);
            await folders.RecordChainAsync(parents, ct);
            folderPath = string.Join(" / ", parents.Skip(1).Where(n => !n.IsRoot).Reverse().Select(n => n.Name));
            parentNodeId = parents.Skip(1).FirstOrDefault()?.NodeId;
        }
        ApplyAlbum(album, remote, folderPath, parentNodeId);

        var local = isNew
            ? new Dictionary<string, Photo>(StringComparer.Ordinal)
            : await db.Set<Photo>().Where(p => p.AlbumId == album.Id && p.DeletedAt == null).ToDictionaryAsync(p => p.ImageKey, StringComparer.Ordinal, ct);

        List<SmugMugImage> fullImages;
        List<string> listedKeys;
        if (imagesUnchanged)
        {
            var stamps = await client.GetAlbumImageStampsAsync(credentials, album.AlbumKey, ct);
            listedKeys = [.. stamps.Select(s => s.ImageKey)];
            var changed = stamps.Where(s => !local.TryGetValue(s.ImageKey, out var p) || p.LastUpdated != s.LastUpdated || p.Serial != s.Serial).ToList();
            fullImages = changed.Count > FetchIndividuallyLimit
                ? await client.GetAlbumImagesAsync(credentials, album.AlbumKey, ct)
                : [.. await Task.WhenAll(changed.Select(s => client.GetImageAsync(credentials, s.ImageKey, ct)))];
        }
        else
        {
            fullImages = await client.GetAlbumImagesAsync(credentials, album.AlbumKey, ct);
            listedKeys = [.. fullImages.Select(i => i.ImageKey)];
        }

        // Photos may come from another album (moved): look them up by key wherever they are.
        var missingKeys = fullImages.Select(i => i.ImageKey).Where(k => !local.ContainsKey(k)).ToList();
        if (missingKeys.Count > 0)
        {
            foreach (var photo in await db.Set<Photo>().Where(p => missingKeys.Contains(p.ImageKey)).ToListAsync(ct))
            {
                local[photo.ImageKey] = photo;
            }
        }

        // A copy album (a published collection) never takes a photo away from the album it still lives in.
        var copyAlbum = await db.Set<CopyAlbum>().AnyAsync(c => c.AlbumKey == album.AlbumKey, ct);
        int added = 0, updated = 0;
        foreach (var image in fullImages)
        {
            if (!local.TryGetValue(image.ImageKey, out var photo))
            {
                photo = new Photo { ImageKey = image.ImageKey, Album = album, CreatedAt = now, StatusChangedAt = now };
                db.Add(photo);
                ApplyPhoto(photo, image, now);
                added++;
                continue;
            }
            if (copyAlbum && photo.DeletedAt is null && photo.AlbumId != album.Id && photo.Album != album)
            {
                continue;
            }
            var moved = photo.AlbumId != album.Id || photo.DeletedAt is not null;
            if (!moved && photo.LastUpdated == image.LastUpdated && photo.Serial == image.Serial)
            {
                continue;
            }
            photo.Album = album;
            photo.DeletedAt = null;
            // Always write DeletedAt for a moved photo: the source album's concurrent sync may have marked it deleted
            // after we loaded it, and EF would otherwise skip a property that is "still" null in its snapshot.
            db.Entry(photo).Property(p => p.DeletedAt).IsModified = true;
            ApplyPhoto(photo, image, now);
            updated++;
        }

        var hasChanges = db.ChangeTracker.HasChanges();
        if (hasChanges || album.SyncedAt is null)
        {
            album.SyncedAt = now;
        }
        await db.SaveChangesAsync(ct);

        // Set-based and conditional on the album at execution time, so a concurrent sync of the album a photo moved
        // to is never overwritten by this one marking it deleted.
        var listed = listedKeys.ToArray();
        var removedIds = await db.Set<Photo>()
            .Where(p => p.AlbumId == album.Id && p.DeletedAt == null && !listed.Contains(p.ImageKey))
            .Select(p => p.Id).ToListAsync(ct);
        var removed = 0;
        if (removedIds.Count > 0)
        {
            removed = await db.Set<Photo>()
                .Where(p => removedIds.Contains(p.Id) && p.AlbumId == album.Id && p.DeletedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.DeletedAt, now), ct);
        }

        logger.LogInformation("Synced album {AlbumKey}: {Added} added, {Updated} updated, {Removed} removed", album.AlbumKey, added, updated, removed);
        return new AlbumSyncResult(album.AlbumKey, added, updated, removed, requests.Count);
    }

    private async Task<int> MarkAlbumDeletedAsync(Album album, DateTimeOffset now, CancellationToken ct)
    {
        album.DeletedAt ??= now;
        await db.SaveChangesAsync(ct);
        var ids = await db.Set<Photo>().Where(p => p.AlbumId == album.Id && p.DeletedAt == null).Select(p => p.Id).ToListAsync(ct);
        await db.Set<Photo>().Where(p => ids.Contains(p.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.DeletedAt, now), ct);
        return ids.Count;
    }

    /// <summary>Assigns only what differs, so EF writes nothing for an unchanged album.</summary>
    private static void ApplyAlbum(Album album, SmugMugAlbum remote, string? folderPath, string? parentNodeId)
    {
        Set(album.Name, remote.Name, v => album.Name = v);
        Set(album.NodeId, remote.NodeId, v => album.NodeId = v);
        Set(album.Description, remote.Description, v => album.Description = v);
        if (!album.Keywords.SequenceEqual(remote.Keywords))
        {
            album.Keywords = remote.Keywords;
        }
        Set(album.UrlPath, remote.UrlPath, v => album.UrlPath = v);
        Set(album.WebUri, remote.WebUri, v => album.WebUri = v);
        Set(album.Privacy, remote.Privacy, v => album.Privacy = v);
        Set(album.ImageCount, remote.ImageCount, v => album.ImageCount = v);
        Set(album.LastUpdated, remote.LastUpdated, v => album.LastUpdated = v);
        Set(album.ImagesLastUpdated, remote.ImagesLastUpdated, v => album.ImagesLastUpdated = v);
        if (folderPath is not null)
        {
            Set(album.FolderPath, folderPath, v => album.FolderPath = v);
        }
        if (parentNodeId is not null)
        {
            Set(album.ParentNodeId, parentNodeId, v => album.ParentNodeId = v);
        }
        if (album.DeletedAt is not null)
        {
            album.DeletedAt = null;
        }
    }

    private static void ApplyPhoto(Photo photo, SmugMugImage image, DateTimeOffset now)
    {
        photo.Serial = image.Serial;
        photo.FileName = image.FileName;
        photo.Title = image.Title;
        photo.Caption = image.Caption;
        if (!photo.Keywords.SequenceEqual(image.Keywords))
        {
            photo.Keywords = image.Keywords;
        }
        // Capture date: EXIF DateTimeOriginal, else the upload date (flagged so the UI can say so).
        photo.CapturedAt = image.DateTimeOriginal ?? image.Uploaded;
        photo.CapturedAtIsUploadDate = image.DateTimeOriginal is null && image.Uploaded is not null;
        photo.UploadedAt = image.Uploaded;
        photo.LastUpdated = image.LastUpdated;
        photo.Width = image.OriginalWidth;
        photo.Height = image.OriginalHeight;
        photo.Format = image.Format;
        photo.SizeBytes = image.OriginalSize;
        photo.ArchivedMd5 = image.ArchivedMd5;
        photo.WebUri = image.WebUri;
        photo.Latitude = image.Latitude;
        photo.Longitude = image.Longitude;
        photo.IsVideo = image.IsVideo;
        photo.Hidden = image.Hidden;
        photo.ThumbnailUrl = image.ThumbnailUrl;
        if (image.SizeDetails is { } details)
        {
            photo.SizeUrlTemplate = details.UrlTemplate;
            if (!photo.UsableSizes.SequenceEqual(details.UsableSizes))
            {
                photo.UsableSizes = details.UsableSizes;
            }
        }
        photo.SyncedAt = now;
    }

    private static void Set<T>(T current, T value, Action<T> assign)
    {
        if (!EqualityComparer<T>.Default.Equals(current, value))
        {
            assign(value);
        }
    }
}
