using Microsoft.Extensions.Options;
using SkiaSharp;
using TargetVision.Api.Integrations.Ai;

namespace TargetVision.Api.Features.Processing;

/// <summary>
/// Makes an image acceptable to the vision APIs while sending no more than needed: passed through untouched when it
/// already fits (long edge, pixel count, bytes, format), otherwise downscaled and re-encoded as JPEG with SkiaSharp.
/// </summary>
public sealed class ImagePreparer(IOptions<AiProcessingOptions> options)
{
    private static readonly HashSet<string> PassThroughTypes = new(StringComparer.OrdinalIgnoreCase) { "image/jpeg", "image/png", "image/webp", "image/gif" };

    public PreparedImage Prepare(byte[] bytes, string? contentType)
    {
        var o = options.Value;
        using var codec = SKCodec.Create(new MemoryStream(bytes))
            ?? throw new AiBadRequestException(null, "The image could not be read (not a JPEG, PNG, WebP or GIF file).");
        var info = codec.Info;
        var mediaType = MediaTypeOf(codec.EncodedFormat) ?? contentType ?? "application/octet-stream";
        var maxPixels = o.MaxMegapixels * 1_000_000;
        var fits = Math.Max(info.Width, info.Height) <= o.LongEdge
            && (double)info.Width * info.Height <= maxPixels
            && bytes.Length <= o.MaxImageBytes
            && PassThroughTypes.Contains(mediaType);
        if (fits)
        {
            return new PreparedImage(bytes, mediaType, info.Width, info.Height, Reencoded: false);
        }

        var scale = Math.Min(1.0, Math.Min((double)o.LongEdge / Math.Max(info.Width, info.Height), Math.Sqrt(maxPixels / ((double)info.Width * info.Height))));
        var width = Math.Max(1, (int)Math.Floor(info.Width * scale));
        var height = Math.Max(1, (int)Math.Floor(info.Height * scale));
        using var original = SKBitmap.Decode(codec) ?? throw new AiBadRequestException(null, "The image could not be decoded.");
        using var resized = scale < 1.0
            ? original.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell))
            : null;
        var source = resized ?? original;
        // Lower the quality step by step in the rare case a noisy image still exceeds the byte budget.
        for (var quality = o.JpegQuality; ; quality -= 10)
        {
            using var data = source.Encode(SKEncodedImageFormat.Jpeg, quality);
            var encoded = data.ToArray();
            if (encoded.Length <= o.MaxImageBytes || quality <= 40)
            {
                return encoded.Length <= o.MaxImageBytes
                    ? new PreparedImage(encoded, "image/jpeg", source.Width, source.Height, Reencoded: true)
                    : throw new AiBadRequestException(null, $"Image too large for the provider: {encoded.Length} bytes after re-encoding.");
            }
        }
    }

    private static string? MediaTypeOf(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Jpeg => "image/jpeg",
        SKEncodedImageFormat.Png => "image/png",
        SKEncodedImageFormat.Webp => "image/webp",
        SKEncodedImageFormat.Gif => "image/gif",
        _ => null,
    };
}
