using TargetVision.Api.Infrastructure.Jobs;
using TargetVision.Api.Integrations.SmugMug;

namespace TargetVision.Api.Features.SmugMug;

/// <summary>
/// Turns a sync request into a batch at once: an album becomes one album job; a folder or the account becomes one
/// expansion job that finds the albums (<see cref="FolderExpandJobHandler"/>) and adds their jobs to the same batch.
/// Only the node itself is looked up here, so a wrong id is still a 404 and the request never waits on a tree walk.
/// </summary>
public sealed class SmugMugSyncStarter(SmugMugAccountStore accounts, SmugMugClient client, JobQueue queue, FolderRecorder folders)
{
    /// <summary>A sync batch is a batch of album jobs (plus, for folders, the job that finds them).</summary>
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
        await folders.RecordChainAsync(parents, ct);
        var path = parents.Where(n => !n.IsRoot).Reverse().Select(n => n.Name).ToList();
        var title = nodeId is null ? "Sync everything" : $"Sync folder “{self.Name}”";
        return await queue.CreateBatchAsync(BatchKind, title,
            [new NewJob(new FolderExpandPayload(self.NodeId, path), null)], new { scope = nodeId is null ? "account" : "folder", nodeId }, ct,
            jobKind: FolderExpandPayload.Kind);
    }
}
