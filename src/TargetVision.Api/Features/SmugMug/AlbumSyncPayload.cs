namespace TargetVision.Api.Features.SmugMug;

/// <summary>
/// One album to sync. Folder and account syncs already know the folder path and the album's stamps from the tree
/// walk, so they pass them along and the job saves a request; a single-album sync sends only the key.
/// </summary>
public sealed record AlbumSyncPayload(string AlbumKey, string? NodeId = null, string? ParentNodeId = null, string? FolderPath = null)
{
    public const string Kind = "smugmug.sync-album";
}
