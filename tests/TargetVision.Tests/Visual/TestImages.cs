using SkiaSharp;
using TargetVision.Api.Integrations.Onnx;

namespace TargetVision.Tests.Visual;

/// <summary>Small generated images with known pixels, encoded losslessly unless a test needs JPEG.</summary>
public static class TestImages
{
    /// <summary>Pixel (x, y) of the pattern: distinct in every channel, so any shift or swap shows.</summary>
    public static (byte R, byte G, byte B) Pattern(int x, int y) =>
        ((byte)((x * 7 + y * 3) % 256), (byte)((x * 2 + y * 11 + 40) % 256), (byte)((x * y + 90) % 256));

    public static RgbImage PatternImage(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (r, g, b) = Pattern(x, y);
                var i = ((y * width) + x) * 3;
                (pixels[i], pixels[i + 1], pixels[i + 2]) = (r, g, b);
            }
        }
        return new RgbImage(width, height, pixels);
    }

    public static byte[] Png(RgbImage image) => Encode(image, SKEncodedImageFormat.Png, 100);

    public static byte[] Jpeg(RgbImage image, int quality = 95) => Encode(image, SKEncodedImageFormat.Jpeg, quality);

    public static byte[] Encode(RgbImage image, SKEncodedImageFormat format, int quality)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor(image[x, y, 0], image[x, y, 1], image[x, y, 2]));
            }
        }
        using var data = bitmap.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>A single-channel (grey) PNG.</summary>
    public static byte[] GreyPng(int width, int height, Func<int, int, byte> value)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var v = value(x, y);
                bitmap.SetPixel(x, y, new SKColor(v, v, v));
            }
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>
    /// Inserts an EXIF APP1 segment with one Orientation entry right after the JPEG's SOI marker (big-endian TIFF).
    /// </summary>
    public static byte[] WithExifOrientation(byte[] jpeg, int orientation)
    {
        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, // header, IFD at offset 8
            0, 1, // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte)orientation, 0, 0, // Orientation, SHORT, count 1, value
            0, 0, 0, 0, // no next IFD
        ];
        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var length = payload.Length + 2;
        var segment = new byte[] { 0xFF, 0xE1, (byte)(length >> 8), (byte)(length & 0xFF) }.Concat(payload);
        return jpeg.Take(2).Concat(segment).Concat(jpeg.Skip(2)).ToArray();
    }
}
