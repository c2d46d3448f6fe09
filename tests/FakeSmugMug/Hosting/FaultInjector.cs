namespace FakeSmugMug.Hosting;

/// <summary>What the next matching request should suffer instead of a normal answer.</summary>
public sealed record InjectedFault(int StatusCode, int RetryAfterSeconds = 0, string? Location = null);

/// <summary>
/// Knobs that make the fake misbehave like a busy or flaky SmugMug: latency, 429 bursts with Retry-After,
/// 5xx bursts and a one-off 301. Each rule counts down and disappears when spent.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _lock = new();
    private readonly List<Rule> _rules = [];
    private long _latencyTicks;

    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));
        set => Interlocked.Exchange(ref _latencyTicks, value.Ticks);
    }

    /// <summary>The next <paramref name="count"/> requests (optionally only under a path prefix) get 429 + Retry-After.</summary>
    public void RateLimitNext(int count, int retryAfterSeconds = 1, string? pathPrefix = null) =>
        Add(new Rule(count, pathPrefix, exactPath: null, new InjectedFault(429, retryAfterSeconds)));

    /// <summary>The next <paramref name="count"/> requests get a server error such as 500 or 503.</summary>
    public void FailNext(int count, int statusCode = 503, string? pathPrefix = null) =>
        Add(new Rule(count, pathPrefix, exactPath: null, new InjectedFault(statusCode)));

    /// <summary>
    /// The next request to exactly <paramref name="path"/> gets a 301 to <paramref name="location"/> (default: the
    /// same URL, which then answers normally, so a client that re-signs after following it succeeds).
    /// </summary>
    public void RedirectOnce(string path, string? location = null) =>
        Add(new Rule(1, pathPrefix: null, exactPath: path, new InjectedFault(301, Location: location)));

    public void Clear()
    {
        lock (_lock)
        {
            _rules.Clear();
        }
    }

    public int PendingCount
    {
        get { lock (_lock) { return _rules.Sum(r => r.Remaining); } }
    }

    internal InjectedFault? Take(string path)
    {
        lock (_lock)
        {
            foreach (var rule in _rules)
            {
                var matches = rule.ExactPath is not null
                    ? string.Equals(rule.ExactPath, path, StringComparison.Ordinal)
                    : rule.PathPrefix is null || path.StartsWith(rule.PathPrefix, StringComparison.Ordinal);
                if (!matches)
                {
                    continue;
                }

                rule.Remaining--;
                if (rule.Remaining <= 0)
                {
                    _rules.Remove(rule);
                }

                return rule.Fault;
            }

            return null;
        }
    }

    private void Add(Rule rule)
    {
        if (rule.Remaining <= 0)
        {
            return;
        }

        lock (_lock)
        {
            _rules.Add(rule);
        }
    }

    private sealed class Rule(int count, string? pathPrefix, string? exactPath, InjectedFault fault)
    {
        public int Remaining { get; set; } = count;
        public string? PathPrefix { get; } = pathPrefix;
        public string? ExactPath { get; } = exactPath;
        public InjectedFault Fault { get; } = fault;
    }
}
