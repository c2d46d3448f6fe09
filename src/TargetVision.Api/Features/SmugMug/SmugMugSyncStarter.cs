using TargetVision.Api.Infrastructure.Jobs;
using TargetVision.Api.Integrations.SmugMug;

namespace TargetVision.Api.Features.SmugMug;

/// <summary>
/// Turns a sync request into one batch of album jobs: a folder or the account is walked first (folders in parallel,
/// every page of children) to find its albums and their folder paths; System Albums are skipped.
/// </summary>
public sealed class SmugMugSyncStarter(SmugMugAccountStore accounts, SmugMugClient client, JobQueue queue)
{
    /// <summary>A batch's kind is its jobs' kind: every sync batch is a batch of album jobs.</summary>
    public const string BatchKind = AlbumSyncPayload.Kind;

    public async Task<JobBatch> StartAlbumAsync(string albumKey, CancellationToken ct)
    {
        var credentials = await accounts.GetCredentialsAsync(ct);
        var album = await client.GetAlbumAsync(credentials, albumKey, ct); // 404 for an unknown or invisible album
        return await queue.CreateBatchAsync(BatchKind, $"Sync album “{album.Name}”",
            [new NewJob(new AlbumSyncPayload(album.AlbumKey, album.NodeId), null)], new { scope = "album", albumKey }, ct);
    }

    public async Task<JobBatch> StartFolderAsync(string? nodeId, CancellationToken ct)
    {
        var credentials = await accounts.GetCredentialsAsync(ct);
        var account = await accounts.GetAccountAsync(ct)
            ?? throw new SmugMugApiException(SmugMugErrorKind.NotConnected, "Connect SmugMug first.");
        var root = nodeId ?? account.RootNodeId;
        var parents = await client.GetParentsAsync(credentials, root, ct);
        var self = parents.FirstOrDefault() ?? throw SmugMugApiException.FromStatus(404, null);
        if (!self.IsFolder)
        {
            throw new SmugMugApiException(SmugMugErrorKind.NotFound, "That node is not a folder.", 404);
        }
        var path = parents.Where(n => !n.IsRoot).Reverse().Select(n => n.Name).ToList();
        var albums = new List<AlbumSyncPayload>();
        await WalkAsync(credentials, self.NodeId, path, albums, ct);
        var title = nodeId is null ? "Sync everything" : $"Sync folder “{self.Name}”";
        return await queue.CreateBatchAsync(BatchKind, title, [.. albums.Select(a => new NewJob(a, null))],
            new { scope = nodeId is null ? "account" : "folder", nodeId }, ct);
    }

    private async Task WalkAsync(OAuthCredentials credentials, string folderId, List<string> path, List<AlbumSyncPayload> albums, CancellationToken ct)
    {
        var children = await client.GetChildrenAsync(credentials, folderId, ct);
        var folderPath = string.Join(" / ", path);
        lock (albums)
        {
            albums.AddRange(children.Where(c => c.IsAlbum && c.AlbumKey is not null)
                .Select(c => new AlbumSyncPayload(c.AlbumKey!, c.NodeId, folderId, folderPath, c.Album?.AlbumKey == c.AlbumKey ? c.Album : null)));
        }
        await Task.WhenAll(children.Where(c => c.IsFolder).Select(f => WalkAsync(credentials, f.NodeId, [.. path, f.Name], albums, ct)));
    }
}
