using TargetVision.Api.Features.Library;
using TargetVision.Api.Integrations.SmugMug;

namespace TargetVision.Api.Features.SmugMug;

public sealed record ConnectResponse(string AuthorizeUrl);

/// <summary>
/// The account, and how SmugMug last answered (null until this replica has asked it anything). After SmugMug refused
/// the stored token (401 on any call), <c>connected</c> is false and <c>needsReconnect</c> true with the reason, until
/// the owner reconnects. <c>canModify</c>: the connection may write (publish collections, write captions back).
/// </summary>
public sealed record AccountView(
    bool Connected, string? NickName, string? Name, DateTimeOffset? ConnectedAt, string? Access, string? Permissions,
    ReachabilityView? Reachability = null, bool NeedsReconnect = false, string? ReconnectReason = null, bool CanModify = false);

/// <summary>Optional body of "Connect": <c>{"permissions":"Modify"}</c> asks for write access (default Read).</summary>
public sealed record ConnectRequest(string? Permissions);

/// <summary><c>reachable</c>, <c>unreachable</c>, <c>rejected</c> (token revoked or permission too low) or <c>not_configured</c>.</summary>
public sealed record ReachabilityView(SmugMugReachabilityState State, string? Message, DateTimeOffset CheckedAt);

/// <summary>Where a listing came from: SmugMug merged with local state, or the local copy alone.</summary>
public enum ListingSource { Live, Local }

/// <summary>Why SmugMug could not be used: the error kind (NotConnected, Unauthorized, Unavailable, …) and what to tell the owner.</summary>
public sealed record LiveError(string Code, string Message);

public sealed record Breadcrumb(string NodeId, string Name);

public sealed record NodeView(string NodeId, string Name, string Type, IReadOnlyList<Breadcrumb> Breadcrumbs);

public sealed record NodeChildView(
    string NodeId, string Type, string Name, string? AlbumKey, int? ImageCount, string? CoverUrl,
    bool Synced, int DescribedCount, int SyncedCount, bool HasChildren, string? WebUri);

/// <summary>A folder's children; <c>source</c>, <c>liveError</c> and <c>lastSyncedAt</c> say how fresh it is.</summary>
public sealed record NodeListing(
    NodeView Node, IReadOnlyList<NodeChildView> Children,
    ListingSource Source = ListingSource.Live, LiveError? LiveError = null, DateTimeOffset? LastSyncedAt = null);

public sealed record AlbumView(string AlbumKey, string Name, string? NodeId, int ImageCount, bool Synced, DateTimeOffset? SyncedAt, int DescribedCount);

public sealed record AlbumPhotoView(
    string ImageKey, int? PhotoId, string? Title, string? FileName, string? Caption, int? Width, int? Height,
    DateTimeOffset? CapturedAt, PhotoStatus Status, string? StatusError, string? ThumbnailUrl, bool InCollection);

/// <summary>
/// A page of an album. From the local copy (<c>source: local</c>) a thumbnail URL is given only when its bytes are
/// in the image cache, so the browser never asks for an image that cannot come.
/// </summary>
public sealed record AlbumPhotosPage(
    AlbumView Album, IReadOnlyList<AlbumPhotoView> Photos, string? NextCursor,
    ListingSource Source = ListingSource.Live, LiveError? LiveError = null, DateTimeOffset? LastSyncedAt = null);

public sealed record CacheStatus(int Entries, long Hits, long Misses, bool Redis, long DiskCacheBytes, int DiskCacheFiles);
