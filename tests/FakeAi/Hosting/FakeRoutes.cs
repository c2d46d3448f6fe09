using FakeAi.AnthropicApi;
using FakeAi.OpenAiApi;

namespace FakeAi.Hosting;

/// <summary>
/// Maps one or both fake APIs onto an app. Both providers use <c>GET /v1/models</c>; when both are served
/// from one port the Anthropic SDK is recognised by its mandatory <c>anthropic-version</c> header.
/// </summary>
internal static class FakeRoutes
{
    internal static void Map(WebApplication app, FakeApiState? anthropic, FakeApiState? openAi)
    {
        if (anthropic is not null)
        {
            anthropic.Stopping = app.Lifetime.ApplicationStopping;
            AnthropicEndpoints.MapMessages(app, anthropic);
        }

        if (openAi is not null)
        {
            openAi.Stopping = app.Lifetime.ApplicationStopping;
            OpenAiEndpoints.Map(app, openAi);
        }

        app.MapGet("/v1/models", (HttpContext http) => IsAnthropic(http, anthropic, openAi)
            ? AnthropicEndpoints.ListModelsAsync(http, anthropic!)
            : OpenAiEndpoints.ListModelsAsync(http, openAi!));
        app.MapGet("/v1/models/{id}", (HttpContext http, string id) => IsAnthropic(http, anthropic, openAi)
            ? AnthropicEndpoints.GetModelAsync(http, anthropic!, id)
            : OpenAiEndpoints.GetModelAsync(http, openAi!, id));
        // Counters of the standalone fake for scripts outside the process (scripts/quality/faults.sh): how often each
        // image was described, so a crash test can count lost and duplicated work. Not part of either real API.
        app.MapGet("/_fake/counters", () => Results.Json(new
        {
            anthropic = Snapshot(anthropic),
            openai = Snapshot(openAi),
        }));
        app.MapFallback((HttpContext http) => NotFoundAsync(http, IsAnthropic(http, anthropic, openAi)));
    }

    private static object? Snapshot(FakeApiState? state) => state is null ? null : new
    {
        totalCalls = state.Calls.TotalCalls,
        succeededCalls = state.Calls.SucceededCalls,
        abortedCalls = state.Calls.AbortedCalls,
        maxInFlight = state.Calls.MaxInFlight,
        imageCalls = state.Calls.ImageHashCounts,
        succeededImages = state.Calls.Log.Where(c => c.StatusCode == 200 && c.ImageHashes.Count > 0)
            .GroupBy(c => c.ImageHashes[0]).ToDictionary(g => g.Key, g => g.Count()),
    };

    private static bool IsAnthropic(HttpContext http, FakeApiState? anthropic, FakeApiState? openAi) =>
        openAi is null || (anthropic is not null && http.Request.Headers.ContainsKey("anthropic-version"));

    private static Task NotFoundAsync(HttpContext http, bool anthropic)
    {
        var path = http.Request.Path.Value;
        object body = anthropic
            ? new { type = "error", error = new { type = "not_found_error", message = $"Not Found: {http.Request.Method} {path}" }, request_id = Ids.New("req_011C") }
            : new { error = new { message = $"Invalid URL ({http.Request.Method} {path})", type = "invalid_request_error", param = (string?)null, code = (string?)null } };
        return JsonReply.WriteErrorObjectAsync(http.Response, body, StatusCodes.Status404NotFound);
    }
}
