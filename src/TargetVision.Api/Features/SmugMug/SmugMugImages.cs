using TargetVision.Api.Features.Library;
using TargetVision.Api.Integrations.SmugMug;

namespace TargetVision.Api.Features.SmugMug;

/// <summary>
/// Image bytes for the app: synced photos by size code, unsynced photos' thumbnails and folder/album covers. URLs
/// only ever come from SmugMug's API (stored size template or a fresh API answer), never from a caller, and are
/// fetched through <see cref="SafeImageFetcher"/>, signed so private albums work, and cached on disk.
/// </summary>
public sealed class SmugMugImages(SmugMugAccountStore accounts, SmugMugClient client, SafeImageFetcher fetcher, ImageDiskCache cache)
{
    /// <summary>Display sizes used for covers and unsynced thumbnails, best first.</summary>
    private static readonly string[] ThumbnailPreference = ["S", "Th", "M", "Ti"];

    /// <summary>One rendition of a synced photo. "largest" = the largest display size (the original only if nothing else).</summary>
    public async Task<CachedImage> GetPhotoSizeAsync(Photo photo, string sizeCode, CancellationToken ct)
    {
        var code = sizeCode == "largest" ? LargestDisplaySize(photo.UsableSizes) : sizeCode;
        return await cache.GetOrAddAsync($"photo/{photo.ImageKey}-{photo.Serial}/{code}", async token =>
        {
            var credentials = await accounts.GetCredentialsAsync(token);
            var url = await ResolveUrlAsync(photo, code, credentials, token);
            var image = await fetcher.FetchAsync(url, credentials, token);
            return (image.Bytes, image.ContentType);
        }, ct);
    }

    /// <summary>
    /// The original file, streamed and not cached (originals are large and read once for a download); the URL comes
    /// from the stored size template or a fresh API answer, as for every other size.
    /// </summary>
    public async Task<OpenedImage> OpenOriginalAsync(Photo photo, CancellationToken ct)
    {
        var credentials = await accounts.GetCredentialsAsync(ct);
        var url = await ResolveUrlAsync(photo, "O", credentials, ct);
        return await fetcher.OpenStreamAsync(url, credentials, ct);
    }

    /// <summary>Thumbnail of a photo that is not synced: its sizes come from the API, which also enforces visibility.</summary>
    public async Task<CachedImage> GetUnsyncedThumbnailAsync(string imageKey, CancellationToken ct)
    {
        var credentials = await accounts.GetCredentialsAsync(ct);
        var image = await client.GetImageAsync(credentials, imageKey, ct);
        return await ThumbnailAsync(image, credentials, ct);
    }

    /// <summary>Cover of a folder or album node; null when it has none.</summary>
    public async Task<CachedImage?> GetCoverAsync(SmugMugImage? highlight, OAuthCredentials credentials, CancellationToken ct) =>
        highlight is null ? null : await ThumbnailAsync(highlight, credentials, ct);

    private async Task<CachedImage> ThumbnailAsync(SmugMugImage image, OAuthCredentials credentials, CancellationToken ct)
    {
        var size = ThumbnailPreference
            .Select(code => image.SizeDetails?.Sizes.FirstOrDefault(s => s.Code == code))
            .FirstOrDefault(s => s is not null);
        var url = size?.Url ?? image.ThumbnailUrl
            ?? throw new SmugMugApiException(SmugMugErrorKind.NotFound, "SmugMug lists no thumbnail for this photo.");
        var code = size?.Code ?? "Th";
        return await cache.GetOrAddAsync($"photo/{image.ImageKey}-{image.Serial}/{code}", async token =>
        {
            var fetched = await fetcher.FetchAsync(url, credentials, token);
            return (fetched.Bytes, fetched.ContentType);
        }, ct);
    }

    private async Task<string> ResolveUrlAsync(Photo photo, string code, OAuthCredentials credentials, CancellationToken ct)
    {
        if (photo.SizeUrlTemplate is { } template && photo.UsableSizes.Contains(code))
        {
            return template.Replace("#size#", code, StringComparison.Ordinal);
        }
        // Not recorded at sync (older row, or the size is not usable): ask SmugMug.
        var details = await client.GetSizeDetailsAsync(credentials, photo.ImageKey, ct);
        if (details.Sizes.FirstOrDefault(s => s.Code == code) is { } size)
        {
            return size.Url;
        }
        if (code == "O")
        {
            // Downloads disabled or original not offered: the largest image SmugMug will give.
            return (await client.GetLargestImageAsync(credentials, photo.ImageKey, ct)).Url;
        }
        throw new SmugMugApiException(SmugMugErrorKind.NotFound, $"Size {code} is not available for this photo.");
    }

    public static string LargestDisplaySize(IReadOnlyCollection<string> usable)
    {
        var display = SizeCodes.All.Where(s => s.Code != "O" && usable.Contains(s.Code)).Select(s => s.Code).LastOrDefault();
        return display ?? (usable.Contains("O") ? "O" : "X3");
    }
}
