namespace FakeSmugMug.Images;

/// <summary>One of SmugMug's display sizes: the URL code, the API name and the bounding box.</summary>
public sealed record ImageSize(string Code, string ApiName, string ImageSizesField, int BoxWidth, int BoxHeight)
{
    public bool IsOriginal => Code == "O";

    public static IReadOnlyList<ImageSize> All { get; } =
    [
        new("Ti", "ImageSizeTiny", "TinyImageUrl", 100, 100),
        new("Th", "ImageSizeThumb", "ThumbImageUrl", 150, 150),
        new("S", "ImageSizeSmall", "SmallImageUrl", 400, 300),
        new("M", "ImageSizeMedium", "MediumImageUrl", 600, 450),
        new("L", "ImageSizeLarge", "LargeImageUrl", 800, 600),
        new("XL", "ImageSizeXLarge", "XLargeImageUrl", 1024, 768),
        new("X2", "ImageSizeX2Large", "X2LargeImageUrl", 1280, 960),
        new("X3", "ImageSizeX3Large", "X3LargeImageUrl", 1600, 1200),
        new("X4", "ImageSizeX4Large", "X4LargeImageUrl", 2048, 1536),
        new("X5", "ImageSizeX5Large", "X5LargeImageUrl", 2560, 1920),
        new("O", "ImageSizeOriginal", "OriginalImageUrl", int.MaxValue, int.MaxValue),
    ];

    public static ImageSize? FromCode(string code) =>
        code == "D" ? All[^1] : All.FirstOrDefault(s => s.Code == code);

    /// <summary>Fits the original into the box without upscaling, keeping the aspect ratio.</summary>
    public (int Width, int Height) Fit(int originalWidth, int originalHeight)
    {
        if (IsOriginal)
        {
            return (originalWidth, originalHeight);
        }

        var scale = Math.Min(1.0, Math.Min((double)BoxWidth / originalWidth, (double)BoxHeight / originalHeight));
        return (Math.Max(1, (int)Math.Round(originalWidth * scale)), Math.Max(1, (int)Math.Round(originalHeight * scale)));
    }

    /// <summary>SmugMug never upscales, so a box at least as large as the original is not offered (except the small ones).</summary>
    public bool IsUsableFor(int originalWidth, int originalHeight) =>
        IsOriginal || Code is "Ti" or "Th" || originalWidth > BoxWidth || originalHeight > BoxHeight;

    /// <summary>
    /// The byte length the host serves for this rendition. It is fixed in advance (the JPEG is padded up to it) so
    /// that <c>!sizedetails</c> can report Size without rendering anything.
    /// </summary>
    public static long ByteSize(int width, int height) => 8192 + ((long)width * height / 5);
}
