namespace TargetVision.Api.Features.Library;

/// <summary>The photo modal's data; image URLs point at this API (never at SmugMug directly).</summary>
public sealed record PhotoDetail(
    int Id, string ImageKey, string AlbumKey, string AlbumName, string FolderPath, string? Title, string? FileName,
    string? Caption, IReadOnlyList<string> Keywords, DateTimeOffset? CapturedAt, bool CapturedAtIsUploadDate,
    int? Width, int? Height, string? Format, long? SizeBytes, PhotoStatus Status, string? StatusError, string? WebUri,
    string ImageUrl, string LargestUrl, string OriginalUrl);

/// <summary>Counts for Settings' system stats.</summary>
public sealed record LibraryStats(int Albums, int Photos, int Described, int Failed, int Queued);

/// <summary>A synced album as pickers show it: "Travel / Vermont" is its folder path ("" at the root).</summary>
public sealed record SyncedAlbum(string AlbumKey, string Name, string FolderPath, int PhotoCount);
