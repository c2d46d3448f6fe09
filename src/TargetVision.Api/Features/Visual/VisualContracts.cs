namespace TargetVision.Api.Features.Visual;

/// <summary>
/// A photo that looks like the query: the photo card fields of the library listing and search hits (same names, so the
/// shared grid renders it) plus the cosine similarity.
/// </summary>
public sealed record VisualHit(
    string ImageKey, int PhotoId, string? Title, string? FileName, string? Caption, int? Width, int? Height,
    DateTimeOffset? CapturedAt, string Status, string? StatusError, string ThumbnailUrl, bool InCollection,
    string AlbumKey, string AlbumName, bool IsVideo, double Similarity);

public sealed record SimilarResponse(int PhotoId, string Model, IReadOnlyList<VisualHit> Items);

public sealed record ExampleSearchResponse(string Model, IReadOnlyList<VisualHit> Items);

/// <summary>One photo of a near-duplicate group: what helps choose which to keep.</summary>
public sealed record DuplicatePhoto(
    int PhotoId, string ImageKey, string? Title, string? FileName, int? Width, int? Height, long? SizeBytes,
    DateTimeOffset? CapturedAt, string AlbumKey, string AlbumName, string ThumbnailUrl);

/// <summary>Photos linked by similarities at or above the threshold; <see cref="MinSimilarity"/> is the weakest link used.</summary>
public sealed record DuplicateGroup(IReadOnlyList<DuplicatePhoto> Photos, double MinSimilarity);

public sealed record DuplicatesResponse(
    IReadOnlyList<DuplicateGroup> Items, int Page, int PageSize, int Total, double Threshold, string Model)
{
    public int TotalPages => PageSize == 0 ? 0 : (int)Math.Ceiling(Total / (double)PageSize);
    public bool HasNext => Page < TotalPages;
}

public sealed record DismissDuplicatesRequest(int[]? PhotoIds);

public sealed record DismissDuplicatesResponse(int Pairs);

public sealed record ModelCoverage(string Model, int Embedded, int Stale);

/// <summary>Coverage of the library by image embeddings: the current model's and any other model still stored.</summary>
public sealed record EmbeddingStats(VisualModelStatus Status, int Photos, int Embedded, int Stale, int Missing, IReadOnlyList<ModelCoverage> Models);
