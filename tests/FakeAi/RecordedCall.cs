namespace FakeAi;

/// <summary>
/// One request as the fake saw it, logged when it finished (or was aborted). <paramref name="Headers"/> holds the
/// request headers without the credential ones; <paramref name="ApiKey"/> and <paramref name="AuthHeader"/>
/// ("x-api-key" or "authorization") say which key arrived and how.
/// </summary>
public sealed record RecordedCall(
    string RequestId,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    string Method,
    string Endpoint,
    string? Model,
    IReadOnlyList<string> ImageHashes,
    bool Stream,
    int StatusCode,
    bool Aborted,
    FaultKind? Fault,
    string? ApiKey,
    string? AuthHeader,
    IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The JSON body of a POST without images (chat-style requests), for assertions on what was sent.</summary>
    public string? Body { get; init; }
}
