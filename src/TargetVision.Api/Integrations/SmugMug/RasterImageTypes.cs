namespace TargetVision.Api.Integrations.SmugMug;

/// <summary>
/// The image types the app passes on from the photo host. Only raster formats: an SVG (or anything served as HTML)
/// is a document that runs script when opened directly from the app's origin, so it is refused, never relayed.
/// HEIC and AVIF are included because SmugMug stores phone originals in them.
/// </summary>
public static class RasterImageTypes
{
    private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "image/heif", "image/avif",
    };

    public static bool IsAllowed(string? mediaType) => mediaType is not null && Allowed.Contains(mediaType.Trim());
}
