namespace TargetVision.Api.Features.Library;

/// <summary>
/// What the AI pipeline needs from SmugMug: a photo's pixels at a useful size. The SmugMug feature implements it
/// (signed requests for private albums, host allow-list, size caps); Processing only consumes it.
/// </summary>
public interface IPhotoImageSource
{
    /// <summary>
    /// Fetches the SmugMug size whose long edge is closest to <paramref name="longEdge"/> (preferring the smallest
    /// size at or above it, never the original unless nothing else exists). Failures arrive as
    /// <see cref="PhotoImageUnavailableException"/>, transient (rate limits, outages) or not (refused URL, missing photo).
    /// </summary>
    Task<PhotoImage> GetImageAsync(Photo photo, int longEdge, CancellationToken cancellationToken);
}

/// <summary>Image bytes as served, with the reported dimensions and SmugMug size code (e.g. X3).</summary>
public sealed record PhotoImage(byte[] Bytes, string ContentType, int Width, int Height, string SizeCode);
