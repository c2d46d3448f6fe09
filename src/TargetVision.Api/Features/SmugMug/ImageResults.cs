using Microsoft.Net.Http.Headers;

namespace TargetVision.Api.Features.SmugMug;

/// <summary>Serves cached image bytes with a strong ETag, 304 on a match, and private caching (session-bound).</summary>
public static class ImageResults
{
    public static IResult Serve(HttpContext http, CachedImage image, TimeSpan maxAge, string? downloadName = null)
    {
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
}
