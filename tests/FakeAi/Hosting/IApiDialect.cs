using System.Text.Json;

namespace FakeAi.Hosting;

/// <summary>The parts of the wire protocol that differ between Anthropic and OpenAI around every call.</summary>
internal interface IApiDialect
{
    string RequestIdHeader { get; }

    string NewRequestId();

    /// <summary>Throws 401 (or 400 for a missing protocol header) exactly as the provider would.</summary>
    void Authenticate(HttpRequest request, FakeAiOptions options);

    FakeApiException InvalidJson(string detail);

    FakeApiException RequestTooLarge(long bytes, long limit);

    FakeApiException RateLimited(RateLimitDecision decision, string? model);

    FakeApiException Fault(ScriptedFault fault);

    void WriteRateLimitHeaders(HttpResponse response, RateLimitDecision decision);

    Task WriteErrorAsync(HttpContext context, FakeApiException error, string requestId);

    /// <summary>Best-effort pass over the body to count images before validation can fail.</summary>
    IEnumerable<string> ImagePayloads(JsonElement body);
}
