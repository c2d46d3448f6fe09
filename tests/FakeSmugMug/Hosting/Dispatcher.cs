using System.Globalization;
using FakeSmugMug.Api;
using FakeSmugMug.Images;
using FakeSmugMug.OAuth;

namespace FakeSmugMug.Hosting;

/// <summary>
/// The single request pipeline: names the route (for counters), then applies latency, rate-limit headers and
/// injected faults before the handler, in the order a real edge would.
/// </summary>
public static class Dispatcher
{
    public static async Task InvokeAsync(HttpContext http, ServerState state)
    {
        var request = http.Request;
        var path = request.Path.Value ?? "/";
        var (pattern, handler) = Route(request.Method, path);
        state.Counters.Record($"{request.Method} {pattern}");
        if (state.Options.LogRequests)
        {
            Console.WriteLine($"{state.Clock.GetUtcNow():HH:mm:ss} {request.Method} {path}{request.QueryString}");
        }

        var latency = state.Faults.Latency;
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, state.Clock, http.RequestAborted);
        }

        var (allowed, remaining, reset) = state.RateLimit.Hit();
        http.Response.Headers["X-RateLimit-Limit"] = state.Options.RateLimit.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["X-RateLimit-Reset"] = reset.ToString(CultureInfo.InvariantCulture);
        if (!allowed)
        {
            var wait = Math.Max(1, reset - state.Clock.GetUtcNow().ToUnixTimeSeconds());
            await TooManyRequests(http, (int)Math.Min(wait, int.MaxValue));
            return;
        }

        if (state.Faults.Take(path) is { } fault)
        {
            switch (fault.StatusCode)
            {
                case 429:
                    await TooManyRequests(http, fault.RetryAfterSeconds);
                    return;
                case 301 or 302 or 307 or 308:
                    http.Response.StatusCode = fault.StatusCode;
                    http.Response.Headers.Location = fault.Location ?? $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}";
                    return;
                default:
                    await JsonReply.WriteAsync(http, fault.StatusCode, ResponseShaper.Error(fault.StatusCode, fault.StatusCode == 503 ? "Service Unavailable" : "Internal Server Error"));
                    return;
            }
        }

        await handler(http, state);
    }

    private static Task TooManyRequests(HttpContext http, int retryAfterSeconds)
    {
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return JsonReply.WriteAsync(http, 429, ResponseShaper.Error(429, "Too Many Requests"));
    }

    private static (string Pattern, Func<HttpContext, ServerState, Task> Handler) Route(string method, string path)
    {
        if (path.StartsWith("/api/v2", StringComparison.Ordinal))
        {
            return (ApiResolver.PatternFor(path) ?? "/api/v2/(unknown)", ApiEndpoint.HandleAsync);
        }

        if (path.StartsWith(ImageUrls.PathPrefix, StringComparison.Ordinal))
        {
            return (ImageHostEndpoint.Matches(path) ? ImageHostEndpoint.Pattern : "/photos/(unknown)", ImageHostEndpoint.HandleAsync);
        }

        return path switch
        {
            OAuthEndpoints.Prefix + "/getRequestToken" => (path, OAuthEndpoints.RequestTokenAsync),
            OAuthEndpoints.Prefix + "/getAccessToken" => (path, OAuthEndpoints.AccessTokenAsync),
            OAuthEndpoints.Prefix + "/authorize" when HttpMethods.IsPost(method) => (path, OAuthEndpoints.AuthorizeSubmitAsync),
            OAuthEndpoints.Prefix + "/authorize" => (path, OAuthEndpoints.AuthorizePageAsync),
            "/healthz" => (path, (h, _) => h.Response.WriteAsync("ok", h.RequestAborted)),
            "/" when HttpMethods.IsPost(method) => (path, UploadEndpoint.HandleAsync),
            "/" => (path, Home),
            _ => ("(unknown)", NotFound),
        };
    }

    private static Task Home(HttpContext http, ServerState state)
    {
        http.Response.ContentType = "text/plain; charset=utf-8";
        return http.Response.WriteAsync(
            $"Fake SmugMug for @{state.Library.NickName}: {state.Library.ImageCount} photos.\nAPI: /api/v2  OAuth: {OAuthEndpoints.Prefix}  Photos: {ImageUrls.PathPrefix}  Upload: POST /\n",
            http.RequestAborted);
    }

    private static Task NotFound(HttpContext http, ServerState state) =>
        JsonReply.WriteAsync(http, 404, ResponseShaper.Error(404, "Not Found"));
}
