using System.Collections.Concurrent;
using TargetVision.Api.Infrastructure.Jobs;
using TargetVision.Api.Integrations.SmugMug;

namespace TargetVision.Api.Features.SmugMug;

/// <summary>
/// Turns a folder (or the whole account) into album sync jobs of the same batch. The tree is walked level by level
/// with at most <see cref="FolderConcurrency"/> listings in flight, so a huge account neither floods SmugMug nor
/// holds an HTTP request open. Re-running after a crash adds nothing twice (one key per album and batch).
/// </summary>
public sealed class FolderExpandJobHandler(SmugMugAccountStore accounts, SmugMugClient client, JobQueue queue, FolderRecorder folders) : IJobHandler
{
    public const int FolderConcurrency = 4;

    public async Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        var payload = context.PayloadAs<FolderExpandPayload>();
        var batchId = context.BatchId ?? throw new PermanentJobException("A folder expansion must belong to a sync batch.");
        try
        {
            var credentials = await accounts.GetCredentialsAsync(cancellationToken);
            var seen = new ConcurrentBag<FolderRecorder.SeenFolder>();
            var albums = await WalkAsync(credentials, payload, seen, cancellationToken);
            // The tree as walked: lets synced albums be browsed in place when SmugMug cannot be reached.
            await folders.RecordAsync([.. seen], cancellationToken);
            var added = await queue.AddToBatchAsync(batchId, AlbumSyncPayload.Kind,
                [.. albums.Select(a => new NewJob(a, $"sync:{batchId}:{a.AlbumKey}"))], cancellationToken);
            return new JobResult(new { albums = albums.Count, added });
        }
        catch (Exception e) when (SmugMugJobFailure.From(e) is { } failure)
        {
            throw failure;
        }
    }

    private async Task<List<AlbumSyncPayload>> WalkAsync(
        OAuthCredentials credentials, FolderExpandPayload root, ConcurrentBag<FolderRecorder.SeenFolder> seen, CancellationToken ct)
    {
        var albums = new ConcurrentBag<AlbumSyncPayload>();
        IReadOnlyList<(string NodeId, IReadOnlyList<string> Path)> level = [(root.NodeId, root.Path)];
        var options = new ParallelOptions { MaxDegreeOfParallelism = FolderConcurrency, CancellationToken = ct };
        while (level.Count > 0)
        {
            var next = new ConcurrentBag<(string, IReadOnlyList<string>)>();
            await Parallel.ForEachAsync(level, options, async (folder, token) =>
            {
                var children = await client.GetChildrenAsync(credentials, folder.NodeId, token);
                var folderPath = string.Join(" / ", folder.Path);
                foreach (var child in children)
                {
                    if (child.IsAlbum && child.AlbumKey is not null)
                    {
                        albums.Add(new AlbumSyncPayload(child.AlbumKey, child.NodeId, folder.NodeId, folderPath,
                            child.Album?.AlbumKey == child.AlbumKey ? child.Album : null));
                    }
                    else if (child.IsFolder)
                    {
                        seen.Add(new FolderRecorder.SeenFolder(child.NodeId, folder.NodeId, child.Name));
                        next.Add((child.NodeId, [.. folder.Path, child.Name]));
                    }
                }
            });
            level = [.. next];
        }
        return [.. albums.OrderBy(a => a.FolderPath, StringComparer.Ordinal).ThenBy(a => a.AlbumKey, StringComparer.Ordinal)];
    }
}
