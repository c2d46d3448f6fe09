using System.Globalization;
using System.Text.Json;
using FakeAi.Hosting;

namespace FakeAi.OpenAiApi;

/// <summary>OpenAI's error envelope, x-ratelimit headers and bearer authentication.</summary>
internal sealed class OpenAiDialect : IApiDialect
{
    internal static readonly OpenAiDialect Instance = new();

    public string RequestIdHeader => "x-request-id";

    public string NewRequestId() => Ids.New("req_", 32);

    public void Authenticate(HttpRequest request, FakeAiOptions options)
    {
        var authorization = request.Headers.Authorization.ToString();
        var key = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
        if (string.IsNullOrEmpty(key))
        {
            throw new FakeApiException(401, "invalid_request_error",
                "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth "
                + "(i.e. Authorization: Bearer YOUR_KEY).");
        }

        if (!options.Accepts(key))
        {
            var shown = key.Length > 8 ? key[..3] + "*****" + key[^4..] : "*****";
            throw new FakeApiException(401, "invalid_request_error",
                $"Incorrect API key provided: {shown}. You can find your API key at https://platform.openai.com/account/api-keys.",
                code: "invalid_api_key");
        }
    }

    public FakeApiException InvalidJson(string detail) =>
        new(400, "invalid_request_error",
            "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. "
            + $"The OpenAI API expects a JSON payload, but what was sent was not valid JSON.) {detail}");

    public FakeApiException RequestTooLarge(long bytes, long limit) =>
        new(413, "invalid_request_error", $"Request too large: {bytes} bytes > {limit} bytes.", code: "request_too_large");

    public FakeApiException RateLimited(RateLimitDecision decision, string? model) =>
        new(429, "requests",
            $"Rate limit reached for {model ?? "this model"} on requests per min (RPM): Limit {decision.Limit}, Used {decision.Limit}, "
            + $"Requested 1. Please try again in {Math.Ceiling(decision.RetryAfter.TotalSeconds)}s.",
            code: "rate_limit_exceeded",
            retryAfter: decision.RetryAfter);

    public FakeApiException Fault(ScriptedFault fault) => fault.Kind switch
    {
        FaultKind.RateLimited => new(429, "requests", "Rate limit reached for requests. Please try again later.",
            code: "rate_limit_exceeded", retryAfter: fault.RetryAfter ?? TimeSpan.FromSeconds(1)),
        FaultKind.Overloaded => new(503, "server_error", "The engine is currently overloaded, please try again later.",
            retryAfter: fault.RetryAfter),
        FaultKind.ServerError => new(500, "server_error",
            "The server had an error while processing your request. Sorry about that!", retryAfter: fault.RetryAfter),
        FaultKind.ImageTooLarge => new(400, "invalid_request_error",
            "Invalid image: the image exceeds the maximum allowed size of 20 MB.", code: "image_too_large", param: "messages"),
        _ => new(500, "server_error", "The server had an error while processing your request. Sorry about that!"),
    };

    public void WriteRateLimitHeaders(HttpResponse response, RateLimitDecision decision)
    {
        var resetSeconds = Math.Max(0, (decision.Reset - DateTimeOffset.UtcNow).TotalSeconds);
        response.Headers["x-ratelimit-limit-requests"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-remaining-requests"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-reset-requests"] = resetSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
        response.Headers["x-ratelimit-limit-tokens"] = "2000000";
        response.Headers["x-ratelimit-remaining-tokens"] = "2000000";
        response.Headers["x-ratelimit-reset-tokens"] = "0s";
    }

    public async Task WriteErrorAsync(HttpContext context, FakeApiException error, string requestId)
    {
        if (error.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = Math.Max(0, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        await JsonReply.WriteErrorObjectAsync(
            context.Response,
            new { error = new { message = error.Message, type = error.ErrorType, param = error.Param, code = error.Code } },
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

            foreach (var part in content.EnumerateArray())
            {
                if (part.ValueKind == JsonValueKind.Object
                    && part.TryGetProperty("image_url", out var image)
                    && image.ValueKind == JsonValueKind.Object
                    && image.TryGetProperty("url", out var url)
                    && DataUrl.TryParse(url.GetString(), out _, out var data))
                {
                    yield return data;
                }
            }
        }
    }
}
