using TargetVision.Api.Features.Library;

namespace TargetVision.Api.Features.Collections;

public sealed record CreateCollectionRequest(string? Name, string? Description, IReadOnlyList<int>? PhotoIds);

/// <summary>Omitted (null) fields stay as they are; <c>description: ""</c> clears it, <c>resetCover: true</c> returns to "first photo".</summary>
public sealed record UpdateCollectionRequest(string? Name, string? Description, int? CoverPhotoId, bool? ResetCover, CollectionOrder? OrderMode);

public sealed record PhotoIdsRequest(IReadOnlyList<int>? PhotoIds);

public sealed record PublishedAlbumView(string AlbumKey, string? WebUri, DateTimeOffset? PublishedAt);

public sealed record CollectionView(
    int Id, string Name, string? Description, int PhotoCount, int RemovedCount,
    int? CoverPhotoId, string? CoverThumbnailUrl, bool CoverChosen, CollectionOrder OrderMode,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, PublishedAlbumView? SmugMug, Guid? PublishBatchId);

/// <summary>The shared photo-card shape (as album and search listings), plus the member's own facts.</summary>
public sealed record CollectionPhotoView(
    string ImageKey, int PhotoId, string? Title, string? FileName, string? Caption, int? Width, int? Height,
    DateTimeOffset? CapturedAt, PhotoStatus Status, string? StatusError, string ThumbnailUrl, bool InCollection,
    bool RemovedOnSmugMug, DateTimeOffset AddedAt, int Position, string? AlbumName);

public sealed record MembershipChange(int Changed, int PhotoCount, int? CoverPhotoId);

public sealed record PhotoMembership(int PhotoId, IReadOnlyList<int> CollectionIds);

public sealed record MembershipView(IReadOnlyList<PhotoMembership> Items);

public sealed record MemberIdsView(IReadOnlyList<int> PhotoIds);

public sealed record PublishStarted(TargetVision.Api.Infrastructure.Jobs.BatchView Batch);
