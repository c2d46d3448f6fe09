using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace TargetVision.Api.Infrastructure.Http;

/// <summary>
/// Refuses bodies over the configured limit with a 413 problem before any handler reads them. Declared lengths are
/// checked up front; chunked bodies are capped through the server's body-size feature.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<HttpLimitsOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large",
                $"The request body is {context.Request.ContentLength} bytes; the limit is {limit} bytes.");
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature && (feature.MaxRequestBodySize is null || feature.MaxRequestBodySize > limit))
        {
            feature.MaxRequestBodySize = limit;
        }
        await next(context);
    }
}
