using TargetVision.Api.Features.Library;

namespace TargetVision.Api.Features.SmugMug;

public sealed record ConnectResponse(string AuthorizeUrl);

public sealed record AccountView(bool Connected, string? NickName, string? Name, DateTimeOffset? ConnectedAt, string? Access, string? Permissions);

public sealed record Breadcrumb(string NodeId, string Name);

public sealed record NodeView(string NodeId, string Name, string Type, IReadOnlyList<Breadcrumb> Breadcrumbs);

public sealed record NodeChildView(
    string NodeId, string Type, string Name, string? AlbumKey, int? ImageCount, string? CoverUrl,
    bool Synced, int DescribedCount, int SyncedCount, bool HasChildren, string? WebUri);

public sealed record NodeListing(NodeView Node, IReadOnlyList<NodeChildView> Children);

public sealed record AlbumView(string AlbumKey, string Name, string? NodeId, int ImageCount, bool Synced, DateTimeOffset? SyncedAt, int DescribedCount);

public sealed record AlbumPhotoView(
    string ImageKey, int? PhotoId, string? Title, string? FileName, string? Caption, int? Width, int? Height,
    DateTimeOffset? CapturedAt, PhotoStatus Status, string? StatusError, string ThumbnailUrl, bool InCollection);

public sealed record AlbumPhotosPage(AlbumView Album, IReadOnlyList<AlbumPhotoView> Photos, string? NextCursor);

public sealed record CacheStatus(int Entries, long Hits, long Misses, bool Redis, long DiskCacheBytes, int DiskCacheFiles);
