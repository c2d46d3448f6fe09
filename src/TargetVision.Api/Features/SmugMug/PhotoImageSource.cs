using SkiaSharp;
using TargetVision.Api.Features.Library;
using TargetVision.Api.Integrations.SmugMug;

namespace TargetVision.Api.Features.SmugMug;

/// <summary>Processing's view of SmugMug: the rendition nearest a wanted long edge, through the safe, cached path.</summary>
public sealed class PhotoImageSource(SmugMugImages images) : IPhotoImageSource
{
    public async Task<PhotoImage> GetImageAsync(Photo photo, int longEdge, CancellationToken cancellationToken)
    {
        var code = ChooseSize(photo, longEdge);
        try
        {
            var image = await images.GetPhotoSizeAsync(photo, code, cancellationToken);
            // Trust the bytes over the nominal box: read the real dimensions from the header (no full decode).
            using var codec = SKCodec.Create(new SKMemoryStream(image.Bytes))
                ?? throw new SmugMugApiException(SmugMugErrorKind.BadResponse, "SmugMug served an image that cannot be decoded.");
            return new PhotoImage(image.Bytes, image.ContentType, codec.Info.Width, codec.Info.Height, code);
        }
        catch (SmugMugApiException e)
        {
            throw new PhotoImageUnavailableException("SmugMug: " + e.Message, e.IsTransient, e.RetryAfter, e);
        }
        catch (ImageUrlRefusedException e)
        {
            throw new PhotoImageUnavailableException($"Image URL refused ({e.Reason}); check SmugMug:AllowedImageHosts.", isTransient: false, inner: e);
        }
    }

    public async Task<PhotoFile> OpenOriginalAsync(Photo photo, CancellationToken cancellationToken)
    {
        try
        {
            var opened = await images.OpenOriginalAsync(photo, cancellationToken);
            return new PhotoFile(opened.Content, opened.ContentType, opened.Length, opened);
        }
        catch (SmugMugApiException e)
        {
            throw new PhotoImageUnavailableException("SmugMug: " + e.Message, e.IsTransient, e.RetryAfter, e);
        }
        catch (ImageUrlRefusedException e)
        {
            throw new PhotoImageUnavailableException($"Image URL refused ({e.Reason}); check SmugMug:AllowedImageHosts.", isTransient: false, inner: e);
        }
    }

    /// <summary>
    /// The smallest usable display size whose expected long edge reaches <paramref name="longEdge"/>, else the largest
    /// display size; the original only when nothing else is usable.
    /// </summary>
    public static string ChooseSize(Photo photo, int longEdge)
    {
        var usable = photo.UsableSizes.Count > 0 ? photo.UsableSizes : [.. SizeCodes.All.Where(s => s.Code != "O").Select(s => s.Code)];
        var display = SizeCodes.All.Where(s => s.Code != "O" && usable.Contains(s.Code)).ToList();
        if (display.Count == 0)
        {
            return "O";
        }
        var originalLong = Math.Max(photo.Width ?? 0, photo.Height ?? 0);
        int Expected(SizeCodes.Size s) => originalLong > 0 ? Math.Min(s.LongEdge, originalLong) : s.LongEdge;
        return (display.FirstOrDefault(s => Expected(s) >= longEdge) ?? display[^1]).Code;
    }
}
