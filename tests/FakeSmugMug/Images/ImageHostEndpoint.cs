using System.Text.RegularExpressions;
using FakeSmugMug.Hosting;
using FakeSmugMug.Model;
using FakeSmugMug.OAuth;

namespace FakeSmugMug.Images;

/// <summary>
/// The photo host: real JPEG bytes for every size. Public images are served to anyone, like SmugMug's CDN;
/// images in private albums need a request signed with an access token that has Access=Full.
/// </summary>
public static partial class ImageHostEndpoint
{
    public const string Pattern = "/photos/i-{key}/{serial}/{size}/i-{key}-{size}.jpg";

    [GeneratedRegex(@"^/photos/i-(?<key>[A-Za-z0-9]+)/(?<serial>\d+)/(?<size>[A-Za-z0-9]+)/i-(?<key2>[A-Za-z0-9]+)-(?<size2>[A-Za-z0-9]+)\.jpg$", RegexOptions.ExplicitCapture)]
    private static partial Regex PathPattern();

    public static bool Matches(string path) => PathPattern().IsMatch(path);

    public static async Task HandleAsync(HttpContext http, ServerState state)
    {
        var m = PathPattern().Match(http.Request.Path.Value ?? string.Empty);
        if (!m.Success || m.Groups["key"].Value != m.Groups["key2"].Value || m.Groups["size"].Value != m.Groups["size2"].Value)
        {
            await NotFound(http);
            return;
        }

        var size = ImageSize.FromCode(m.Groups["size"].Value);
        FakeImage? image;
        bool isPrivate;
        PaletteColor color, accent;
        int serial, width, height;
        UploadedFile? upload;
        lock (state.Library.SyncRoot)
        {
            image = state.Library.FindImage(m.Groups["key"].Value);
            if (image is null || size is null || m.Groups["serial"].Value != image.Serial.ToString(System.Globalization.CultureInfo.InvariantCulture)
                || !size.IsUsableFor(image.OriginalWidth, image.OriginalHeight)
                || (size.IsOriginal && !image.Album.AllowDownloads && m.Groups["size"].Value is "O" or "D"))
            {
                image = null;
            }

            isPrivate = image?.Album.IsEffectivelyPrivate ?? false;
            color = image?.Color ?? default;
            accent = image?.AccentColor ?? default;
            serial = image?.Serial ?? 0;
            upload = image?.Upload;
            (width, height) = image is null || size is null ? (0, 0) : size.Fit(image.OriginalWidth, image.OriginalHeight);
        }

        if (image is null || size is null)
        {
            await NotFound(http);
            return;
        }

        if (isPrivate)
        {
            var oauth = await OAuthRequest.ReadAsync(http.Request, http.RequestAborted);
            var check = state.Verifier.Verify(oauth, OAuthTokenKind.Access);
            if (!check.Ok || check.AccessToken!.Grant.Access != AccessLevel.Full)
            {
                http.Response.StatusCode = 401;
                http.Response.ContentType = "text/plain";
                await http.Response.WriteAsync("Unauthorized: this photo is in a private gallery", http.RequestAborted);
                return;
            }
        }

        if (image.ServedAs is { } served)
        {
            http.Response.StatusCode = 200;
            http.Response.ContentType = served.ContentType;
            http.Response.ContentLength = served.Body.Length;
            if (!HttpMethods.IsHead(http.Request.Method))
            {
                await http.Response.Body.WriteAsync(served.Body, http.RequestAborted);
            }
            return;
        }

        var key = image.ImageKey;
        var target = ImageSize.ByteSize(width, height);
        var contentType = "image/jpeg";
        byte[] bytes;
        if (upload is null)
        {
            bytes = state.ImageCache.GetOrAdd(
                $"{key}/{serial}/{color}/{accent}/{width}x{height}",
                () => ImageRenderer.RenderJpeg(key, serial, color, accent, width, height, target));
        }
        else if (size.IsOriginal)
        {
            bytes = upload.Bytes;
            contentType = upload.ContentType;
        }
        else
        {
            bytes = state.ImageCache.GetOrAdd($"{key}/{serial}/upload/{width}x{height}", () => ImageRenderer.ResizeJpeg(upload.Bytes, width, height, target));
        }

        http.Response.StatusCode = 200;
        http.Response.ContentType = contentType;
        http.Response.ContentLength = bytes.Length;
        http.Response.Headers.CacheControl = isPrivate ? "private, max-age=3600" : "public, max-age=31536000";
        http.Response.Headers.ETag = $"\"{key}-{serial}-{size.Code}\"";
        if (m.Groups["size"].Value == "D")
        {
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{key}.jpg\"";
        }

        if (!HttpMethods.IsHead(http.Request.Method))
        {
            await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
        }
    }

    private static Task NotFound(HttpContext http)
    {
        http.Response.StatusCode = 404;
        http.Response.ContentType = "text/plain";
        return http.Response.WriteAsync("Not Found", http.RequestAborted);
    }
}
