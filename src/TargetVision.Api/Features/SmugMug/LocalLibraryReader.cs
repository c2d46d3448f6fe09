using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TargetVision.Api.Features.Library;
using TargetVision.Api.Infrastructure.Database;

namespace TargetVision.Api.Features.SmugMug;

/// <summary>
/// The Library screen from the local copy alone, for when SmugMug cannot be asked: synced albums in the folders they
/// were last seen in (<see cref="Folder"/>), their photos with status and descriptions. Only what was synced exists
/// here; an album whose parent folder was never seen is listed at the root, so every synced album stays reachable.
/// Thumbnails are offered only when their bytes are already in the image cache.
/// </summary>
public sealed class LocalLibraryReader(AppDbContext db, SmugMugAccountStore accounts, SmugMugImages images)
{
    /// <summary>How many of an album's first photos are tried for a cached cover.</summary>
    private const int CoverCandidates = 12;

    /// <summary>Bounds a walk up the folder rows, which come from SmugMug and are not trusted to be acyclic.</summary>
    private const int MaxDepth = 64;

    private sealed record AlbumRow(int Id, string AlbumKey, string? NodeId, string? ParentNodeId, string Name, string? WebUri, DateTimeOffset? SyncedAt, int Photos, int Described);

    /// <summary>A folder (or an album node, for its breadcrumbs) from the local copy; null when it is not in it.</summary>
    public async Task<NodeListing?> GetNodeAsync(string? nodeId, LiveError error, CancellationToken ct)
    {
        var folders = await db.Set<Folder>().AsNoTracking().ToDictionaryAsync(f => f.NodeId, StringComparer.Ordinal, ct);
        var albums = await db.Set<Album>().AsNoTracking()
            .Where(a => a.DeletedAt == null && a.SyncedAt != null)
            .Select(a => new AlbumRow(a.Id, a.AlbumKey, a.NodeId, a.ParentNodeId, a.Name, a.WebUri, a.SyncedAt,
                db.Set<Photo>().Count(p => p.AlbumId == a.Id && p.DeletedAt == null),
                db.Set<Photo>().Count(p => p.AlbumId == a.Id && p.DeletedAt == null && p.Status == PhotoStatus.Completed)))
            .ToListAsync(ct);
        var account = await accounts.GetAccountAsync(ct);
        var rootId = account?.RootNodeId ?? folders.Values.FirstOrDefault(f => f.ParentNodeId is null)?.NodeId ?? "";
        var lastSynced = albums.Max(a => a.SyncedAt);
        string ParentOf(AlbumRow a) => a.ParentNodeId is { } p && (p == rootId || folders.ContainsKey(p)) ? p : rootId;

        List<Breadcrumb> Trail(string folderId)
        {
            var trail = new List<Breadcrumb>();
            for (string? id = folderId; id is not null && trail.Count < MaxDepth; id = folders.GetValueOrDefault(id)?.ParentNodeId)
            {
                trail.Add(new Breadcrumb(id, id == rootId ? "" : folders.GetValueOrDefault(id)?.Name ?? ""));
                if (id == rootId)
                {
                    break;
                }
            }
            trail.Reverse();
            return trail;
        }

        var target = nodeId ?? rootId;
        if (albums.FirstOrDefault(a => a.NodeId == target) is { } self)
        {
            var crumbs = Trail(ParentOf(self));
            crumbs.Add(new Breadcrumb(target, self.Name));
            return new NodeListing(new NodeView(target, self.Name, "album", crumbs), [], ListingSource.Local, error, self.SyncedAt);
        }
        if (target != rootId && !folders.ContainsKey(target))
        {
            return null;
        }

        // Folders with a synced album somewhere below them; the others have nothing to show offline.
        var occupied = new HashSet<string>(StringComparer.Ordinal);
        foreach (var album in albums)
        {
            string? id = ParentOf(album);
            for (var depth = 0; id is not null && depth < MaxDepth && occupied.Add(id); depth++)
            {
                id = folders.GetValueOrDefault(id)?.ParentNodeId;
            }
        }

        var childAlbums = albums.Where(a => ParentOf(a) == target).OrderBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
        var covers = await CachedCoversAsync([.. childAlbums.Select(a => a.Id)], ct);
        var children = folders.Values
            .Where(f => f.ParentNodeId == target && occupied.Contains(f.NodeId))
            .OrderBy(f => f.Name, StringComparer.CurrentCultureIgnoreCase)
            .Select(f => new NodeChildView(f.NodeId, "folder", f.Name, null, null, null, false, 0, 0, true, null))
            .Concat(childAlbums.Select(a => new NodeChildView(
                a.NodeId ?? "", "album", a.Name, a.AlbumKey, a.Photos, covers.GetValueOrDefault(a.Id),
                true, a.Described, a.Photos, false, a.WebUri)))
            .ToList();
        var name = target == rootId ? "" : folders[target].Name;
        return new NodeListing(new NodeView(target, name, "folder", Trail(target)), children, ListingSource.Local, error, lastSynced);
    }

    /// <summary>A page of a synced album from the local copy (in the order sync added the photos); null when it is not synced.</summary>
    public async Task<AlbumPhotosPage?> GetAlbumPhotosAsync(string albumKey, int start, int limit, LiveError error, CancellationToken ct)
    {
        var album = await db.Set<Album>().AsNoTracking()
            .SingleOrDefaultAsync(a => a.AlbumKey == albumKey && a.DeletedAt == null && a.SyncedAt != null, ct);
        if (album is null)
        {
            return null;
        }
        var query = db.Set<Photo>().AsNoTracking().Where(p => p.AlbumId == album.Id && p.DeletedAt == null);
        var total = await query.CountAsync(ct);
        var described = await query.CountAsync(p => p.Status == PhotoStatus.Completed, ct);
        var photos = await query.OrderBy(p => p.Id).Skip(start - 1).Take(limit).ToListAsync(ct);
        var views = photos.Select(p => new AlbumPhotoView(
            p.ImageKey, p.Id, p.Title, p.FileName, p.Caption, p.Width, p.Height, p.CapturedAt, p.Status, p.StatusError,
            images.IsThumbnailCached(p) ? $"/api/photos/{p.Id}/thumbnail" : null, InCollection: false)).ToList();
        var next = start - 1 + photos.Count < total ? (start + photos.Count).ToString(CultureInfo.InvariantCulture) : null;
        var view = new AlbumView(album.AlbumKey, album.Name, album.NodeId, total, true, album.SyncedAt, described);
        return new AlbumPhotosPage(view, views, next, ListingSource.Local, error, album.SyncedAt);
    }

    /// <summary>For each album, the thumbnail of its first photo whose bytes are cached (no cover otherwise).</summary>
    private async Task<Dictionary<int, string>> CachedCoversAsync(List<int> albumIds, CancellationToken ct)
    {
        var covers = new Dictionary<int, string>();
        // One small indexed query per album on the screen: only offline, and a folder holds tens of albums.
        foreach (var albumId in albumIds)
        {
            var candidates = await db.Set<Photo>().AsNoTracking()
                .Where(p => p.AlbumId == albumId && p.DeletedAt == null)
                .OrderBy(p => p.Id).Take(CoverCandidates).ToListAsync(ct);
            if (candidates.FirstOrDefault(images.IsThumbnailCached) is { } photo)
            {
                covers[albumId] = $"/api/photos/{photo.Id}/thumbnail";
            }
        }
        return covers;
    }
}
