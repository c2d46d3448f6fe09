using TargetVision.Api.Integrations.SmugMug;

namespace TargetVision.Api.Features.SmugMug;

/// <summary>
/// One album to sync. Folder and account syncs already know the folder path and the album itself from the tree
/// walk (the Album is expanded on the folder listing), so they pass them along and the job saves a request; its
/// image listing is always read fresh. A single-album sync sends only the key.
/// </summary>
public sealed record AlbumSyncPayload(string AlbumKey, string? NodeId = null, string? ParentNodeId = null, string? FolderPath = null, SmugMugAlbum? Album = null)
{
    public const string Kind = "smugmug.sync-album";
}
