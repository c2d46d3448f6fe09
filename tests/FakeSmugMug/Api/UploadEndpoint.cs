using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FakeSmugMug.Hosting;
using FakeSmugMug.Model;
using FakeSmugMug.OAuth;
using SkiaSharp;

namespace FakeSmugMug.Api;

/// <summary>
/// SmugMug's Uploader, which lives apart from API v2 (upload.smugmug.com in production; the root of the fake here):
/// <c>POST /</c> with the raw media as the body and its metadata in headers. Followed from SmugMug's "Uploading
/// photos and videos" reference: OAuth parameters only in the Authorization header (the body, whatever its type, is
/// not part of the signature); <c>X-Smug-AlbumUri</c>, <c>X-Smug-ResponseType</c> and <c>X-Smug-Version: v2</c>
/// required; <c>Content-MD5</c> is base64 of the MD5 digest; optional Title, Caption, Keywords, FileName, Hidden,
/// Latitude, Longitude, Altitude and Pretty. The replies follow what clients of the real service see: a v1-style body
/// (<c>stat</c>, <c>method</c>) rather than the v2 envelope, with a refused file answered as HTTP 200 and
/// <c>"stat":"fail"</c>. Codes the reference does not list are this fake's choice (see README).
/// </summary>
public static partial class UploadEndpoint
{
    public const string MethodName = "smugmug.images.upload";

    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [GeneratedRegex(@"^/api/v2/album/(?<key>[A-Za-z0-9]+)$", RegexOptions.ExplicitCapture)]
    private static partial Regex AlbumUriPattern();

    [GeneratedRegex("^[0-9a-fA-F]{32}$")]
    private static partial Regex HexMd5();

    public static async Task HandleAsync(HttpContext http, ServerState state)
    {
        var request = http.Request;
        var ct = http.RequestAborted;
        var pretty = IsTrue(request.Headers["X-Smug-Pretty"]);
        if (QueryParameters.Parse(request.QueryString.Value).Items.Any(p => p.Key.StartsWith("oauth_", StringComparison.Ordinal)))
        {
            await UnauthorizedAsync(http, "parameter_rejected: the uploader reads OAuth parameters from the Authorization header only", pretty);
            return;
        }

        var check = state.Verifier.Verify(await OAuthRequest.ReadAsync(request, ct, includeFormBody: false), OAuthTokenKind.Access);
        if (!check.Ok)
        {
            await UnauthorizedAsync(http, check.Problem!, pretty);
            return;
        }

        var grant = check.AccessToken!.Grant;
        if (grant.Permissions < PermissionLevel.Add)
        {
            await FailAsync(http, 403, 403, "The user has not granted the required permissions", pretty);
            return;
        }

        if (request.Headers["X-Smug-Version"].ToString() != "v2")
        {
            await FailAsync(http, 400, 400, "Bad Request: X-Smug-Version must be v2", pretty);
            return;
        }

        if (!string.Equals(request.Headers["X-Smug-ResponseType"].ToString(), "JSON", StringComparison.OrdinalIgnoreCase))
        {
            await FailAsync(http, 400, 400, "Bad Request: X-Smug-ResponseType must be JSON (the fake does not answer in PHP)", pretty);
            return;
        }

        if (request.Headers.ContainsKey("X-Smug-ImageUri"))
        {
            await FailAsync(http, 400, 400, "Bad Request: replacing an image (X-Smug-ImageUri) is not modelled by the fake", pretty);
            return;
        }

        if (request.ContentLength is null)
        {
            await FailAsync(http, 411, 411, "Length Required: send Content-Length", pretty);
            return;
        }

        // Kestrel ends a body shorter than Content-Length with an error; the body is read whole before any check on it.
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();

        var albumUri = request.Headers["X-Smug-AlbumUri"].ToString();
        var match = AlbumUriPattern().Match(albumUri);
        var album = match.Success ? state.Library.FindAlbum(match.Groups["key"].Value) : null;
        var ctx = new ApiContext(state.Library, state.Options, grant, state.PublicBaseUrl(request));
        if (album is null || album.IsSystemAlbum || !ctx.CanSee(album))
        {
            await FailAsync(http, 200, 9, "invalid album", pretty);
            return;
        }

#pragma warning disable CA5351 // Content-MD5 is an integrity check the uploader protocol prescribes; it protects nothing.
        var md5 = MD5.HashData(bytes);
#pragma warning restore CA5351
        if (request.Headers["Content-MD5"].ToString() is { Length: > 0 } sent && !Md5Matches(sent.Trim(), md5))
        {
            await FailAsync(http, 200, 5, "system error: Content-MD5 does not match the received bytes", pretty);
            return;
        }

        using var codec = bytes.Length == 0 ? null : SKCodec.Create(new SKMemoryStream(bytes));
        if (codec is null)
        {
            await FailAsync(http, 200, 64, "Invalid file type", pretty);
            return;
        }

        var file = new UploadedFile(bytes, ContentTypeOf(codec.EncodedFormat), Convert.ToHexStringLower(md5));
        var fileName = Header(request, "X-Smug-FileName") ?? $"upload.{Extension(codec.EncodedFormat)}";
        JsonObject body;
        lock (state.Library.SyncRoot)
        {
            var image = state.Library.UploadImage(album, fileName, file, i =>
            {
                i.OriginalWidth = codec.Info.Width;
                i.OriginalHeight = codec.Info.Height;
                i.Format = Extension(codec.EncodedFormat).ToUpperInvariant();
                i.Title = Header(request, "X-Smug-Title") ?? string.Empty;
                i.Caption = Header(request, "X-Smug-Caption") ?? string.Empty;
                if (Header(request, "X-Smug-Keywords") is { } keywords)
                {
                    i.Keywords.AddRange(keywords.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                }

                i.Hidden = IsTrue(request.Headers["X-Smug-Hidden"]);
                i.Latitude = Number(request, "X-Smug-Latitude");
                i.Longitude = Number(request, "X-Smug-Longitude");
                i.Altitude = (int)Math.Round(Number(request, "X-Smug-Altitude") ?? 0);
            });
            body = new JsonObject
            {
                ["stat"] = "ok",
                ["method"] = MethodName,
                ["Image"] = new JsonObject
                {
                    ["StatusImageReplaceUri"] = string.Empty,
                    ["ImageUri"] = ApiJson.ImageUri(image),
                    ["AlbumImageUri"] = ApiJson.AlbumImageUri(image),
                    ["URL"] = ApiJson.WebUri(ctx, $"{album.UrlPath}/i-{image.ImageKey}"),
                },
                // Real replies name the image's library asset too; the fake has no library endpoints behind these.
                ["Asset"] = new JsonObject
                {
                    ["AssetComponentUri"] = $"/api/v2/library/asset/{image.ImageKey}/component/i/{image.ImageKey}",
                    ["AssetUri"] = $"/api/v2/library/asset/{image.ImageKey}",
                },
            };
        }

        await WriteAsync(http, 200, body, pretty);
    }

    /// <summary>Base64 is what the reference asks for; 32 hex digits are accepted too, as many clients send them.</summary>
    private static bool Md5Matches(string sent, byte[] actual)
    {
        if (HexMd5().IsMatch(sent))
        {
            return Convert.FromHexString(sent).AsSpan().SequenceEqual(actual);
        }

        var decoded = new byte[24];
        return Convert.TryFromBase64String(sent, decoded, out var written) && decoded.AsSpan(0, written).SequenceEqual(actual);
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers[name].ToString() is { Length: > 0 } value ? value : null;

    private static bool IsTrue(string? value) =>
        string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || value == "1";

    private static double? Number(HttpRequest request, string name) =>
        double.TryParse(request.Headers[name].ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string Extension(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Png => "png",
        SKEncodedImageFormat.Gif => "gif",
        SKEncodedImageFormat.Webp => "webp",
        SKEncodedImageFormat.Heif => "heic",
        _ => "jpg",
    };

    private static string ContentTypeOf(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Png => "image/png",
        SKEncodedImageFormat.Gif => "image/gif",
        SKEncodedImageFormat.Webp => "image/webp",
        SKEncodedImageFormat.Heif => "image/heic",
        _ => "image/jpeg",
    };

    private static Task UnauthorizedAsync(HttpContext http, string problem, bool pretty)
    {
        http.Response.Headers.WWWAuthenticate = "OAuth realm=\"SmugMug\"";
        return FailAsync(http, 401, 401, "Unauthorized: oauth_problem=" + problem, pretty);
    }

    private static Task FailAsync(HttpContext http, int status, int code, string message, bool pretty) =>
        WriteAsync(http, status, new JsonObject { ["stat"] = "fail", ["method"] = MethodName, ["code"] = code, ["message"] = message }, pretty);

    private static async Task WriteAsync(HttpContext http, int status, JsonObject body, bool pretty)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(body.ToJsonString(pretty ? Pretty : Compact), http.RequestAborted);
    }
}
