using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TargetVision.Api.Features.Library;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Integrations.SmugMug;

namespace TargetVision.Api.Features.SmugMug;

/// <summary>
/// The Library screen's view of SmugMug: folders and albums with local sync and description progress merged in, and
/// album pages merged with each photo's local status. SmugMug answers are cached (<see cref="ListingCache"/>); local
/// state is always read fresh, since it is what changes while the owner looks. When SmugMug cannot be used (not
/// connected, token rejected, unreachable or too slow after its retries) the synced part is answered from the local
/// copy (<see cref="LocalLibraryReader"/>), marked <c>source: local</c> with the reason, instead of failing.
/// </summary>
public sealed class SmugMugBrowser(
    AppDbContext db, SmugMugAccountStore accounts, SmugMugClient client, ListingCache cache, SmugMugImages images,
    FolderRecorder folders, LocalLibraryReader local, SmugMugReachability reachability, TimeProvider clock, IOptions<SmugMugOptions> options)
{
    private TimeSpan FolderTtl => TimeSpan.FromMinutes(options.Value.FolderCacheMinutes);
    private TimeSpan CoverTtl => TimeSpan.FromMinutes(options.Value.CoverCacheMinutes);

    public async Task<NodeListing> GetNodeAsync(string? nodeId, CancellationToken ct, bool recheck = false)
    {
        var (live, error) = await TryLiveAsync(t => GetLiveNodeAsync(nodeId, t), recheck, ct);
        return live ?? await local.GetNodeAsync(nodeId, error!, ct)
            ?? throw NotInLocalCopy("Nothing in this folder is synced", error!);
    }

    public async Task<AlbumPhotosPage> GetAlbumPhotosAsync(string albumKey, int start, int limit, CancellationToken ct, bool recheck = false)
    {
        var (live, error) = await TryLiveAsync(t => GetLiveAlbumPhotosAsync(albumKey, start, limit, t), recheck, ct);
        return live ?? await local.GetAlbumPhotosAsync(albumKey, start, limit, error!, ct)
            ?? throw NotInLocalCopy("This album is not synced", error!);
    }

    /// <summary>
    /// Runs the live path within the browse budget. "Not found" stays an error (SmugMug answered: it is gone); every
    /// other SmugMug failure, and running out of time, becomes the reason for answering from the local copy.
    /// </summary>
    private async Task<(T? Live, LiveError? Error)> TryLiveAsync<T>(Func<CancellationToken, Task<T>> live, bool recheck, CancellationToken ct) where T : class
    {
        if (!recheck && reachability.Last is { State: SmugMugReachabilityState.Unreachable or SmugMugReachabilityState.Rejected } last
            && clock.GetUtcNow() - last.At < TimeSpan.FromSeconds(options.Value.BrowseRecheckSeconds))
        {
            var code = last.State == SmugMugReachabilityState.Rejected ? SmugMugErrorKind.Unauthorized : SmugMugErrorKind.Unavailable;
            return (null, new LiveError(code.ToString(), last.Message ?? "SmugMug did not answer."));
        }
        var budget = TimeSpan.FromSeconds(options.Value.BrowseTimeoutSeconds);
        using var timer = new CancellationTokenSource(budget, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        try
        {
            return (await live(linked.Token), null);
        }
        catch (SmugMugApiException e) when (e.Kind != SmugMugErrorKind.NotFound)
        {
            // Failures before any request (no key, no connection, undecryptable token) never reach the transport.
            reachability.RecordFailure(e);
            return (null, new LiveError(e.Kind.ToString(), e.Message));
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            var message = $"SmugMug did not answer within {budget.TotalSeconds:0} s.";
            reachability.RecordTimeout(message);
            return (null, new LiveError(nameof(SmugMugErrorKind.Unavailable), message));
        }
    }

    private static SmugMugApiException NotInLocalCopy(string what, LiveError error) =>
        new(SmugMugErrorKind.NotFound, $"{what}, so it can only be shown when SmugMug answers. {error.Message}", 404);

    private async Task<NodeListing> GetLiveNodeAsync(string? nodeId, CancellationToken ct)
    {
        var credentials = await accounts.GetCredentialsAsync(ct);
        var account = await accounts.GetAccountAsync(ct) ?? throw new SmugMugApiException(SmugMugErrorKind.NotConnected, "Connect SmugMug first.");
        var id = nodeId ?? account.RootNodeId;

        var parents = await cache.GetOrCreateAsync($"smugmug:parents:{id}", FolderTtl, t => client.GetParentsAsync(credentials, id, t), ct);
        var self = parents.FirstOrDefault() ?? throw SmugMugApiException.FromStatus(404, null);
        var breadcrumbs = parents.AsEnumerable().Reverse().Select(n => new Breadcrumb(n.NodeId, n.IsRoot ? "" : n.Name)).ToList();
        var node = new NodeView(self.NodeId, self.IsRoot ? "" : self.Name, self.IsAlbum ? "album" : "folder", breadcrumbs);
        // What the owner sees is remembered, so this part of the tree can be shown when SmugMug cannot be asked.
        await folders.RecordChainAsync(parents, ct);
        if (!self.IsFolder)
        {
            return new NodeListing(node, []);
        }

        var children = await cache.GetOrCreateAsync($"smugmug:children:{id}", FolderTtl, t => client.GetChildrenAsync(credentials, id, t), ct);
        await folders.RecordChildrenAsync(id, children, ct);

        var visible = children.Where(c => c.IsFolder || (c.IsAlbum && c.AlbumKey is not null)).ToList();
        var keys = visible.Where(c => c.AlbumKey is not null).Select(c => c.AlbumKey!).ToList();
        var stats = await AlbumStatsAsync(keys, ct);

        var result = visible.Select(c =>
        {
            stats.TryGetValue(c.AlbumKey ?? "", out var s);
            var imageCount = c.Album?.ImageCount;
            var hasCover = c.IsFolder || imageCount is null or > 0;
            return new NodeChildView(
                c.NodeId, c.IsAlbum ? "album" : "folder", c.Name, c.AlbumKey, c.IsAlbum ? imageCount : null,
                hasCover ? $"/api/smugmug/nodes/{Uri.EscapeDataString(c.NodeId)}/cover" : null,
                s?.Synced ?? false, s?.Described ?? 0, s?.Photos ?? 0, c.HasChildren, c.WebUri);
        }).ToList();
        return new NodeListing(node, result, LastSyncedAt: stats.Values.Max(v => v.SyncedAt));
    }

    private sealed record AlbumStats(bool Synced, int Photos, int Described, DateTimeOffset? SyncedAt, int Id);

    /// <summary>One grouped query for all albums on the screen.</summary>
    private async Task<Dictionary<string, AlbumStats>> AlbumStatsAsync(List<string> albumKeys, CancellationToken ct)
    {
        if (albumKeys.Count == 0)
        {
            return [];
        }
        var rows = await db.Set<Album>().AsNoTracking()
            .Where(a => albumKeys.Contains(a.AlbumKey) && a.DeletedAt == null)
            .Select(a => new
            {
                a.AlbumKey,
                a.Id,
                a.SyncedAt,
                Photos = db.Set<Photo>().Count(p => p.AlbumId == a.Id && p.DeletedAt == null),
                Described = db.Set<Photo>().Count(p => p.AlbumId == a.Id && p.DeletedAt == null && p.Status == PhotoStatus.Completed),
            }).ToListAsync(ct);
        return rows.ToDictionary(r => r.AlbumKey, r => new AlbumStats(r.SyncedAt is not null, r.Photos, r.Described, r.SyncedAt, r.Id), StringComparer.Ordinal);
    }

    public async Task<CachedImage?> GetCoverAsync(string nodeId, CancellationToken ct)
    {
        var credentials = await accounts.GetCredentialsAsync(ct);
        var highlight = await cache.GetOrCreateAsync($"smugmug:cover:{nodeId}", CoverTtl, async t =>
        {
            var node = await client.GetNodeAsync(credentials, nodeId, t);
            // Albums: the highlight or SmugMug's default (first photo); folders: the node's highlight image.
            var image = node.IsAlbum && node.AlbumKey is not null
                ? await client.GetAlbumHighlightAsync(credentials, node.AlbumKey, t)
                : await client.GetNodeHighlightAsync(credentials, nodeId, t);
            return new CoverHolder(image);
        }, ct);
        return await images.GetCoverAsync(highlight.Image, credentials, ct);
    }

    /// <summary>HybridCache cannot store a null result; this wrapper caches "no cover" too.</summary>
    public sealed record CoverHolder(SmugMugImage? Image);

    private async Task<AlbumPhotosPage> GetLiveAlbumPhotosAsync(string albumKey, int start, int limit, CancellationToken ct)
    {
        var credentials = await accounts.GetCredentialsAsync(ct);
        var album = await cache.GetOrCreateAsync($"smugmug:album:{albumKey}", FolderTtl, t => client.GetAlbumAsync(credentials, albumKey, t), ct);
        var page = await cache.GetOrCreateAsync($"smugmug:album-page:{albumKey}:{start}:{limit}", FolderTtl,
            async t =>
            {
                var (images, total, next) = await client.GetAlbumImagesPageAsync(credentials, albumKey, start, limit, t);
                return new AlbumPage(images, total, next);
            }, ct);

        var stats = (await AlbumStatsAsync([albumKey], ct)).GetValueOrDefault(albumKey);
        var keys = page.Images.Select(i => i.ImageKey).ToList();
        var local = await db.Set<Photo>().AsNoTracking()
            .Where(p => keys.Contains(p.ImageKey) && p.DeletedAt == null)
            .Select(p => new { p.Id, p.ImageKey, p.Status, p.StatusError })
            .ToDictionaryAsync(p => p.ImageKey, StringComparer.Ordinal, ct);

        var photos = page.Images.Select(i =>
        {
            var synced = local.TryGetValue(i.ImageKey, out var p);
            return new AlbumPhotoView(
                i.ImageKey, synced ? p!.Id : null, i.Title, i.FileName, i.Caption, i.OriginalWidth, i.OriginalHeight,
                i.DateTimeOriginal ?? i.Uploaded,
                synced ? p!.Status : PhotoStatus.NotSynced,
                synced ? p!.StatusError : null,
                synced ? $"/api/photos/{p!.Id}/thumbnail" : $"/api/smugmug/images/{Uri.EscapeDataString(i.ImageKey)}/thumbnail",
                InCollection: false);
        }).ToList();

        var view = new AlbumView(album.AlbumKey, album.Name, album.NodeId, album.ImageCount, stats?.Synced ?? false, stats?.SyncedAt, stats?.Described ?? 0);
        return new AlbumPhotosPage(view, photos, page.NextStart?.ToString(CultureInfo.InvariantCulture), LastSyncedAt: stats?.SyncedAt);
    }

    /// <summary>A cached page of an album (tuples do not serialise for the Redis level).</summary>
    public sealed record AlbumPage(List<SmugMugImage> Images, int Total, int? NextStart);

    /// <summary>Unsynced photo thumbnail; the image must be visible to the account (the API enforces that).</summary>
    public async Task<CachedImage> GetUnsyncedThumbnailAsync(string imageKey, CancellationToken ct) =>
        await images.GetUnsyncedThumbnailAsync(imageKey, ct);
}
