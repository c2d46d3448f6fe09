using SkiaSharp;

namespace FakeAi.Content;

/// <summary>
/// Decodes an image the way the provider would before the model sees it, enforcing the same limits,
/// and reduces it to a few facts so the same pixels always yield the same caption.
/// </summary>
internal static class ImageAnalyzer
{
    private const int SampleEdge = 96;

    internal static ImageFacts Analyze(byte[] bytes, string? declaredMediaType, int maxDimension)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data)
            ?? throw new ImageRejection(ImageRejectionReason.Undecodable, "Could not process image");

        var format = codec.EncodedFormat switch
        {
            SKEncodedImageFormat.Jpeg => "image/jpeg",
            SKEncodedImageFormat.Png => "image/png",
            SKEncodedImageFormat.Gif => "image/gif",
            SKEncodedImageFormat.Webp => "image/webp",
            _ => throw new ImageRejection(ImageRejectionReason.Undecodable, "Could not process image"),
        };

        if (declaredMediaType is not null && !string.Equals(declaredMediaType, format, StringComparison.OrdinalIgnoreCase))
        {
            throw new ImageRejection(ImageRejectionReason.MediaTypeMismatch, $"Image does not match the provided media type {declaredMediaType}");
        }

        var width = codec.Info.Width;
        var height = codec.Info.Height;
        if (width <= 0 || height <= 0)
        {
            throw new ImageRejection(ImageRejectionReason.Undecodable, "Could not process image");
        }

        if (width > maxDimension || height > maxDimension)
        {
            throw new ImageRejection(
                ImageRejectionReason.TooManyPixels,
                $"At least one of the image dimensions exceed max allowed size: {maxDimension} pixels");
        }

        using var bitmap = DecodeSmall(codec);
        return Describe(bytes, format, width, height, bitmap);
    }

    // JPEG can be decoded at 1/2, 1/4, 1/8 scale directly, which keeps an 8000-px photo cheap to look at.
    private static SKBitmap DecodeSmall(SKCodec codec)
    {
        var longEdge = Math.Max(codec.Info.Width, codec.Info.Height);
        var scale = Math.Min(1f, 512f / longEdge);
        var size = codec.GetScaledDimensions(scale);
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            bitmap.Dispose();
            throw new ImageRejection(ImageRejectionReason.Undecodable, "Could not process image");
        }

        return bitmap;
    }

    private static ImageFacts Describe(byte[] bytes, string format, int width, int height, SKBitmap bitmap)
    {
        var counts = new int[ColorNamer.Palette.Length];
        double valueSum = 0, valueSquares = 0;
        var samples = 0;
        var stepX = Math.Max(1, bitmap.Width / SampleEdge);
        var stepY = Math.Max(1, bitmap.Height / SampleEdge);
        for (var y = stepY / 2; y < bitmap.Height; y += stepY)
        {
            for (var x = stepX / 2; x < bitmap.Width; x += stepX)
            {
                var pixel = bitmap.GetPixel(x, y);
                if (pixel.Alpha < 16)
                {
                    continue;
                }

                counts[ColorNamer.Classify(pixel.Red, pixel.Green, pixel.Blue)]++;
                var value = Math.Max(pixel.Red, Math.Max(pixel.Green, pixel.Blue)) / 255.0;
                valueSum += value;
                valueSquares += value * value;
                samples++;
            }
        }

        if (samples == 0)
        {
            // A fully transparent image reads as white paper to a viewer.
            counts[Array.IndexOf(ColorNamer.Palette, "white")] = 1;
            valueSum = valueSquares = samples = 1;
        }

        var mean = valueSum / samples;
        var spread = Math.Sqrt(Math.Max(0, (valueSquares / samples) - (mean * mean)));
        var dominant = Enumerable.Range(0, counts.Length)
            .Where(i => counts[i] > 0)
            .OrderByDescending(i => counts[i])
            .ThenBy(i => i)
            .Where((i, rank) => rank == 0 || counts[i] >= samples * 0.12)
            .Take(3)
            .Select(i => ColorNamer.Palette[i])
            .ToList();

        var brightness = mean < 0.3 ? "dark" : mean < 0.6 ? "dim" : "bright";
        var orientation = width > height * 1.05 ? "landscape" : height > width * 1.05 ? "portrait" : "square";
        return new ImageFacts(
            CallCounters.HashImage(bytes), format, width, height, dominant, brightness, orientation, Detailed: spread > 0.12);
    }
}
