using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace TargetVision.Api.Infrastructure.Http;

/// <summary>
/// Refuses bodies over the configured limit with a 413 problem before any handler reads them. Declared lengths are
/// checked up front; chunked bodies are capped through the server's body-size feature. A route can declare its own
/// limit (<see cref="BodyLimit.WithRequestBodyLimit"/>) for an upload larger than the API's JSON bodies ever are.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<HttpLimitsOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large",
                $"The request body is {context.Request.ContentLength} bytes; the limit is {limit} bytes.");
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }
        await next(context);
    }
}

/// <summary>A body limit of one route, above or below the global <see cref="HttpLimitsOptions.MaxRequestBodyBytes"/>.</summary>
public static class BodyLimit
{
    public static TBuilder WithRequestBodyLimit<TBuilder>(this TBuilder builder, long bytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new Limit(bytes));

    private sealed record Limit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
}
