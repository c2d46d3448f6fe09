using FakeAi.Hosting;

namespace FakeAi;

/// <summary>Shared lifecycle and knobs of an in-process fake provider listening on 127.0.0.1.</summary>
public abstract class FakeApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeApiState _state;

    private protected FakeApiServer(WebApplication app, FakeApiState state, Uri root)
    {
        _app = app;
        _state = state;
        Root = root;
    }

    /// <summary>Scheme, host and port only, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Root { get; }

    /// <summary>What the provider's SDK expects as its base address.</summary>
    public abstract string BaseUrl { get; }

    /// <summary>Live knobs: latency, requests per minute, accepted keys, image limits.</summary>
    public FakeAiOptions Options => _state.Options;

    public FaultQueue Faults => _state.Faults;

    public CallCounters Calls => _state.Calls;

    /// <summary>Answers for the next chat-style requests (tool calls, text, citations); empty = deterministic default.</summary>
    public ChatScript Script => _state.Script;

    /// <summary>Clears counters, pending faults and the rate-limit window between tests sharing one server.</summary>
    public void Reset()
    {
        _state.Calls.Reset();
        _state.Faults.Clear();
        _state.Script.Clear();
        _state.RateLimiter.Reset();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
