using System.Globalization;
using System.Text.Json;
using FakeAi.Hosting;

namespace FakeAi.AnthropicApi;

/// <summary>Anthropic's envelope, headers and auth rules.</summary>
internal sealed class AnthropicDialect : IApiDialect
{
    internal static readonly AnthropicDialect Instance = new();

    public string RequestIdHeader => "request-id";

    public string NewRequestId() => Ids.New("req_011C");

    public void Authenticate(HttpRequest request, FakeAiOptions options)
    {
        // The official C# SDK authenticates with "Authorization: Bearer"; curl examples use x-api-key.
        string? key = request.Headers["x-api-key"].ToString();
        if (string.IsNullOrEmpty(key))
        {
            var authorization = request.Headers.Authorization.ToString();
            key = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
        }

        if (string.IsNullOrEmpty(key))
        {
            throw new FakeApiException(401, "authentication_error", "x-api-key header is required");
        }

        if (!options.Accepts(key))
        {
            throw new FakeApiException(401, "authentication_error", "invalid x-api-key");
        }

        if (string.IsNullOrEmpty(request.Headers["anthropic-version"].ToString()))
        {
            throw new FakeApiException(400, "invalid_request_error", "anthropic-version: header is required");
        }
    }

    public FakeApiException InvalidJson(string detail) =>
        new(400, "invalid_request_error", $"There was an error parsing the body: {detail}");

    public FakeApiException RequestTooLarge(long bytes, long limit) =>
        new(413, "request_too_large", $"Request exceeds the maximum allowed number of bytes: {bytes} > {limit}");

    public FakeApiException RateLimited(RateLimitDecision decision, string? model) =>
        new(429, "rate_limit_error",
            $"This request would exceed your organization's rate limit of {decision.Limit} requests per minute. "
            + "For details, refer to: https://docs.claude.com/en/api/rate-limits.",
            retryAfter: decision.RetryAfter);

    public FakeApiException Fault(ScriptedFault fault) => fault.Kind switch
    {
        FaultKind.RateLimited => new(429, "rate_limit_error",
            "This request would exceed the rate limit for your organization. Please try again later.",
            retryAfter: fault.RetryAfter ?? TimeSpan.FromSeconds(1)),
        FaultKind.Overloaded => new(529, "overloaded_error", "Overloaded", retryAfter: fault.RetryAfter),
        FaultKind.ServerError => new(500, "api_error", "Internal server error", retryAfter: fault.RetryAfter),
        FaultKind.ImageTooLarge => new(400, "invalid_request_error",
            "messages.0.content.0.image.source.base64: image exceeds 5 MB maximum: 5400000 bytes > 5242880 bytes"),
        _ => new(500, "api_error", "Internal server error"),
    };

    public void WriteRateLimitHeaders(HttpResponse response, RateLimitDecision decision)
    {
        var reset = decision.Reset.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        response.Headers["anthropic-ratelimit-requests-limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["anthropic-ratelimit-requests-remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["anthropic-ratelimit-requests-reset"] = reset;
        response.Headers["anthropic-ratelimit-tokens-limit"] = "400000";
        response.Headers["anthropic-ratelimit-tokens-remaining"] = "400000";
        response.Headers["anthropic-ratelimit-tokens-reset"] = reset;
    }

    public async Task WriteErrorAsync(HttpContext context, FakeApiException error, string requestId)
    {
        if (error.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = Math.Max(0, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        context.Response.Headers["x-should-retry"] = error.Status is 408 or 409 or 429 or >= 500 ? "true" : "false";
        await JsonReply.WriteErrorObjectAsync(
            context.Response,
            new
            {
                type = "error",
                error = new { type = error.ErrorType, message = error.Message },
                request_id = requestId,
            },
            error.Status);
    }

    public IEnumerable<string> ImagePayloads(JsonElement body)
    {
        if (!body.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object
                || !message.TryGetProperty("content", out var content)
                || content.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var block in content.EnumerateArray())
            {
                if (block.ValueKind == JsonValueKind.Object
                    && block.TryGetProperty("source", out var source)
                    && source.ValueKind == JsonValueKind.Object
                    && source.TryGetProperty("data", out var data)
                    && data.ValueKind == JsonValueKind.String)
                {
                    yield return data.GetString()!;
                }
            }
        }
    }
}
