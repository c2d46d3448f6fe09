using Microsoft.Net.Http.Headers;
using TargetVision.Api.Integrations.SmugMug;

namespace TargetVision.Api.Features.SmugMug;

/// <summary>
/// Serves cached image bytes with a strong ETag, 304 on a match, and private caching (session-bound). Every proxied
/// image is sandboxed and not sniffed: opened directly, bytes from the photo host can never run as a document here.
/// </summary>
public static class ImageResults
{
    public static IResult Serve(HttpContext http, CachedImage image, TimeSpan maxAge, string? downloadName = null)
    {
        ApplyProxyHeaders(http.Response.Headers);
        if (!RasterImageTypes.IsAllowed(image.ContentType))
        {
            // Bytes cached before the raster check existed: refuse them like a fresh fetch would be refused.
            return SmugMugProblems.From(new ImageUrlRefusedException($"the photo host answered {image.ContentType}, not a raster image"));
        }
        http.Response.Headers.ETag = image.ETag;
        http.Response.Headers.CacheControl = $"private, max-age={(int)maxAge.TotalSeconds}";
        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == image.ETag || t.Trim() == "*")))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        if (downloadName is not null)
        {
            http.Response.Headers[HeaderNames.ContentDisposition] = ContentDisposition.Attachment(downloadName);
        }
        return Results.Bytes(image.Bytes, image.ContentType);
    }

    /// <summary>The headers every response carrying photo-host bytes gets, whatever else it says.</summary>
    public static void ApplyProxyHeaders(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = "sandbox";
        headers.XContentTypeOptions = "nosniff";
    }
}
