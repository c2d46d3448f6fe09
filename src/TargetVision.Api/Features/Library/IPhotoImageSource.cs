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

    /// <summary>
    /// Opens the photo's original file for streaming (downloads, ZIPs): the bytes are read as they arrive and never
    /// held whole. Same failures as <see cref="GetImageAsync"/>; the caller disposes the result.
    /// </summary>
    Task<PhotoFile> OpenOriginalAsync(Photo photo, CancellationToken cancellationToken);
}

/// <summary>An open original: read <see cref="Content"/> once, then dispose (releases the connection).</summary>
public sealed class PhotoFile(Stream content, string contentType, long? length, IAsyncDisposable? owner = null) : IAsyncDisposable
{
    public Stream Content { get; } = content;
    public string ContentType { get; } = contentType;
    public long? Length { get; } = length;

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync();
        if (owner is not null)
        {
            await owner.DisposeAsync();
        }
    }
}

/// <summary>Image bytes as served, with the reported dimensions and SmugMug size code (e.g. X3).</summary>
public sealed record PhotoImage(byte[] Bytes, string ContentType, int Width, int Height, string SizeCode);
