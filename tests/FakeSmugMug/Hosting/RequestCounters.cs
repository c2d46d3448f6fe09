using System.Collections.Concurrent;

namespace FakeSmugMug.Hosting;

/// <summary>
/// Counts requests per route pattern such as <c>GET /api/v2/node/{id}!children</c>, so tests can assert on
/// caching and on how many calls a sync needs.
/// </summary>
public sealed class RequestCounters
{
    private readonly ConcurrentDictionary<string, int> _byPattern = new(StringComparer.Ordinal);
    private int _total;

    public int Total => Volatile.Read(ref _total);

    public int this[string pattern] => _byPattern.GetValueOrDefault(pattern);

    /// <summary>Sum over all patterns containing <paramref name="fragment"/>, e.g. "!children" or "/photos/".</summary>
    public int Matching(string fragment) =>
        _byPattern.Where(kv => kv.Key.Contains(fragment, StringComparison.Ordinal)).Sum(kv => kv.Value);

    public IReadOnlyDictionary<string, int> Snapshot() => new Dictionary<string, int>(_byPattern, StringComparer.Ordinal);

    public void Reset()
    {
        _byPattern.Clear();
        Interlocked.Exchange(ref _total, 0);
    }

    internal void Record(string pattern)
    {
        Interlocked.Increment(ref _total);
        _byPattern.AddOrUpdate(pattern, 1, (_, n) => n + 1);
    }
}
