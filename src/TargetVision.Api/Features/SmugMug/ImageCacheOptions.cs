namespace TargetVision.Api.Features.SmugMug;

/// <summary>The on-disk image cache (a volume in containers).</summary>
public sealed class ImageCacheOptions
{
    public const string Section = "Storage";

    public string CacheDirectory { get; set; } = "/data/cache";

    /// <summary>Least recently used files are removed past this total.</summary>
    public long CacheMaxBytes { get; set; } = 2L * 1024 * 1024 * 1024;
}
