namespace FakeAi;

/// <summary>One queued failure. <paramref name="Endpoint"/> null matches any POST endpoint of the server.</summary>
public sealed record ScriptedFault(FaultKind Kind, TimeSpan? RetryAfter = null, string? Endpoint = null);
