namespace FakeAi;

/// <summary>One request as the fake saw it, logged when it finished (or was aborted).</summary>
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
    FaultKind? Fault);
