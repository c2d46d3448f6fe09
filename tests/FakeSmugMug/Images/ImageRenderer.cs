using FakeSmugMug.Model;
using SkiaSharp;

namespace FakeSmugMug.Images;

/// <summary>
/// Draws a deterministic picture for an image key: a background in the dominant colour with a brightness
/// gradient and a few accent shapes covering well under half the area, so the dominant colour is unambiguous.
/// Shapes are placed in relative coordinates so every size shows the same picture.
/// </summary>
public static class ImageRenderer
{
    public static SKColor ToSkColor(PaletteColor color) => color switch
    {
        PaletteColor.Red => new SKColor(210, 35, 40),
        PaletteColor.Orange => new SKColor(240, 135, 30),
        PaletteColor.Yellow => new SKColor(245, 215, 45),
        PaletteColor.Green => new SKColor(45, 150, 65),
        PaletteColor.Blue => new SKColor(35, 85, 205),
        PaletteColor.Purple => new SKColor(125, 55, 165),
        PaletteColor.Pink => new SKColor(240, 130, 180),
        PaletteColor.Brown => new SKColor(115, 70, 35),
        PaletteColor.Black => new SKColor(18, 18, 18),
        PaletteColor.White => new SKColor(245, 245, 242),
        PaletteColor.Gray => new SKColor(128, 128, 128),
        _ => SKColors.Gray,
    };

    public static byte[] RenderJpeg(string imageKey, int serial, PaletteColor dominant, PaletteColor accent, int width, int height, long targetBytes)
    {
        var rng = new Random(StableHash(imageKey) ^ (serial * 7919));
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        var baseColor = ToSkColor(dominant);

        // A mild brightness gradient; kept within +-12% so the colour name stays the same.
        var shift = (float)(rng.NextDouble() * 0.24 - 0.12);
        using (var bg = new SKPaint())
        {
            bg.Shader = SKShader.CreateLinearGradient(
                new SKPoint(0, 0),
                new SKPoint(width, height),
                [Shade(baseColor, shift), Shade(baseColor, -shift)],
                SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, width, height, bg);
        }

        using var paint = new SKPaint { IsAntialias = true, Color = ToSkColor(accent) };
        var shapes = 1 + rng.Next(4);
        var unit = Math.Min(width, height);
        for (var i = 0; i < shapes; i++)
        {
            var cx = (float)(rng.NextDouble() * width);
            var cy = (float)(rng.NextDouble() * height);
            var r = (float)((0.06 + rng.NextDouble() * 0.10) * unit);
            switch (rng.Next(3))
            {
                case 0:
                    canvas.DrawCircle(cx, cy, r, paint);
                    break;
                case 1:
                    canvas.DrawRect(cx - r, cy - r * 0.7f, r * 2, r * 1.4f, paint);
                    break;
                default:
                    canvas.DrawOval(cx, cy, r * 1.3f, r * 0.8f, paint);
                    break;
            }
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        return JpegPadding.PadTo(data.ToArray(), targetBytes);
    }

    /// <summary>
    /// A display size of an uploaded photo: its own pixels scaled to fit, as JPEG padded to the length the API reports.
    /// Real photos compress less than the generated pictures, so the quality steps down until the rendition fits.
    /// </summary>
    public static byte[] ResizeJpeg(byte[] original, int width, int height, long targetBytes)
    {
        using var source = SKBitmap.Decode(original) ?? throw new InvalidOperationException("The uploaded file is not a decodable image.");
        using var scaled = source.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var image = SKImage.FromBitmap(scaled);
        byte[] jpeg = [];
        foreach (var quality in (int[])[85, 70, 50, 30, 15])
        {
            using var data = image.Encode(SKEncodedImageFormat.Jpeg, quality);
            jpeg = data.ToArray();
            if (jpeg.Length <= targetBytes - 4)
            {
                break;
            }
        }

        return JpegPadding.PadTo(jpeg, targetBytes);
    }

    /// <summary>FNV-1a: string.GetHashCode is randomised per process, and pictures must be stable across runs.</summary>
    public static int StableHash(string s)
    {
        unchecked
        {
            var h = 2166136261u;
            foreach (var c in s)
            {
                h = (h ^ c) * 16777619u;
            }

            return (int)h;
        }
    }

    private static SKColor Shade(SKColor c, float amount)
    {
        static byte Adjust(byte v, float a) =>
            (byte)Math.Clamp(a >= 0 ? v + ((255 - v) * a) : v * (1 + a), 0, 255);
        return new SKColor(Adjust(c.Red, amount), Adjust(c.Green, amount), Adjust(c.Blue, amount));
    }
}
