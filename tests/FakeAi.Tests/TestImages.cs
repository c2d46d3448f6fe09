using SkiaSharp;

namespace FakeAi.Tests;

/// <summary>Small synthetic photos whose expected caption is obvious from their pixels.</summary>
internal static class TestImages
{
    internal static byte[] Solid(SKColor color, int width = 320, int height = 200, SKEncodedImageFormat format = SKEncodedImageFormat.Jpeg)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(color);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    internal static byte[] Red => Solid(new SKColor(220, 20, 30));

    internal static byte[] Blue => Solid(new SKColor(30, 60, 200), 200, 320);
}
