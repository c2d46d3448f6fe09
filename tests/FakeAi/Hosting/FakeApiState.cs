namespace FakeAi.Hosting;

/// <summary>Everything one fake API keeps between requests.</summary>
internal sealed class FakeApiState(FakeAiOptions options)
{
    internal FakeAiOptions Options { get; } = options;

    internal FaultQueue Faults { get; } = new();

    internal CallCounters Calls { get; } = new();

    internal ChatScript Script { get; } = new();

    internal RequestRateLimiter RateLimiter { get; } = new();

    /// <summary>Ends hanging requests when the server shuts down, so disposal never waits on a client.</summary>
    internal CancellationToken Stopping { get; set; }
}
