using SkiaSharp;

namespace TargetVision.Api.Integrations.Onnx;

/// <summary>An image that could not be read: not an image, a format nothing decodes, or too many pixels.</summary>
public sealed class ImageDecodeException(string message) : Exception(message);

/// <summary>Upright 8-bit RGB pixels, row-major, three bytes per pixel (what PIL's convert("RGB") holds).</summary>
public sealed record RgbImage(int Width, int Height, byte[] Pixels)
{
    /// <summary>Beyond this an image is refused rather than decoded (a 100 MP RGBA decode is 400 MB).</summary>
    public const long MaxPixels = 60_000_000;

    public byte this[int x, int y, int channel] => Pixels[((y * Width) + x) * 3 + channel];

    /// <summary>
    /// Decodes JPEG/PNG/WebP/GIF/BMP, applies the EXIF orientation, and drops alpha without compositing (as PIL's
    /// convert("RGB") does). No colour-space conversion: CLIP was trained on the stored values, not on managed colour.
    /// </summary>
    public static RgbImage Decode(byte[] bytes)
    {
        using var codec = SKCodec.Create(new SKMemoryStream(bytes))
            ?? throw new ImageDecodeException("Not an image this server can read (JPEG, PNG, WebP, GIF or BMP).");
        var info = codec.Info;
        if ((long)info.Width * info.Height > MaxPixels)
        {
            throw new ImageDecodeException($"The image has {info.Width}×{info.Height} pixels; at most {MaxPixels / 1_000_000} megapixels are accepted.");
        }
        var target = new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(target);
        var result = codec.GetPixels(target, bitmap.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            throw new ImageDecodeException($"The image could not be decoded ({result}).");
        }
        return Orient(info.Width, info.Height, bitmap.GetPixelSpan(), codec.EncodedOrigin);
    }

    /// <summary>Copies RGBA into upright RGB: the EXIF origin says where the stored first row and column belong.</summary>
    internal static RgbImage Orient(int w, int h, ReadOnlySpan<byte> rgba, SKEncodedOrigin origin)
    {
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var ow = swap ? h : w;
        var oh = swap ? w : h;
        var rgb = new byte[ow * oh * 3];
        for (var y = 0; y < oh; y++)
        {
            for (var x = 0; x < ow; x++)
            {
                var (sx, sy) = origin switch
                {
                    SKEncodedOrigin.TopRight => (w - 1 - x, y),
                    SKEncodedOrigin.BottomRight => (w - 1 - x, h - 1 - y),
                    SKEncodedOrigin.BottomLeft => (x, h - 1 - y),
                    SKEncodedOrigin.LeftTop => (y, x),
                    SKEncodedOrigin.RightTop => (y, h - 1 - x),
                    SKEncodedOrigin.RightBottom => (w - 1 - y, h - 1 - x),
                    SKEncodedOrigin.LeftBottom => (w - 1 - y, x),
                    _ => (x, y),
                };
                var s = ((sy * w) + sx) * 4;
                var d = ((y * ow) + x) * 3;
                rgb[d] = rgba[s];
                rgb[d + 1] = rgba[s + 1];
                rgb[d + 2] = rgba[s + 2];
            }
        }
        return new RgbImage(ow, oh, rgb);
    }
}
