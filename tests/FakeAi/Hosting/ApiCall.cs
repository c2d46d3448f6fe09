using System.Text.Json;

namespace FakeAi.Hosting;

/// <summary>One authenticated, parsed request handed to an endpoint's own logic.</summary>
internal sealed class ApiCall(HttpContext http, JsonElement body, FakeAiOptions options, string requestId)
{
    internal HttpContext Http { get; } = http;

    internal JsonElement Body { get; } = body;

    internal FakeAiOptions Options { get; } = options;

    internal string RequestId { get; } = requestId;

    internal CancellationToken Aborted => Http.RequestAborted;

    internal DateTimeOffset Now => Options.Clock.GetUtcNow();
}
