namespace FakeAi;

/// <summary>
/// Behaviour knobs of a fake AI server. The instance stays live after start: tests may change
/// latency, the rate limit or the accepted keys between calls and the next request sees it.
/// </summary>
public sealed class FakeAiOptions
{
    /// <summary>A key every default configuration accepts, handy for tests.</summary>
    public const string DefaultTestKey = "sk-fake-test-key";

    /// <summary>Exact keys to accept. Empty means "any key starting with <see cref="AcceptedKeyPrefix"/>".</summary>
    public HashSet<string> AcceptedApiKeys { get; } = new(StringComparer.Ordinal);

    public string AcceptedKeyPrefix { get; set; } = "sk-";

    /// <summary>Added before every successful answer; a random value in [Min, Max] when Max &gt; Min.</summary>
    public TimeSpan MinLatency { get; set; }

    public TimeSpan MaxLatency { get; set; }

    /// <summary>Pause between streamed chunks, so a streaming client sees several reads.</summary>
    public TimeSpan StreamChunkDelay { get; set; }

    /// <summary>Null disables the limit. Exceeding it answers 429 with retry-after, like the real APIs.</summary>
    public int? RequestsPerMinute { get; set; }

    /// <summary>
    /// Anthropic rejects an image whose base64 text exceeds 5 MB (the limit is on the encoded payload,
    /// not the file), so a client that budgets on decoded size alone gets a 400 from the real API.
    /// </summary>
    public long MaxImageBytes { get; set; } = 5_242_880;

    /// <summary>When false the image limit is measured on decoded bytes instead of the base64 text.</summary>
    public bool MeasureImageLimitOnBase64 { get; set; } = true;

    public int MaxImageDimension { get; set; } = 8000;

    /// <summary>Anthropic answers 413 request_too_large above 32 MB.</summary>
    public long MaxRequestBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Lets tests keep deterministic payloads but vary the clock-derived fields.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public FakeAiOptions WithKeys(params string[] keys)
    {
        foreach (var key in keys)
        {
            AcceptedApiKeys.Add(key);
        }

        return this;
    }

    public bool Accepts(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return false;
        }

        lock (AcceptedApiKeys)
        {
            return AcceptedApiKeys.Count > 0
                ? AcceptedApiKeys.Contains(key)
                : key.StartsWith(AcceptedKeyPrefix, StringComparison.Ordinal);
        }
    }

    internal TimeSpan NextLatency()
    {
        var min = MinLatency;
        var max = MaxLatency;
        if (max <= min)
        {
            return min;
        }

        return min + TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * (max - min).Ticks));
    }

    internal string DescribeAcceptedKeys()
    {
        lock (AcceptedApiKeys)
        {
            return AcceptedApiKeys.Count > 0
                ? $"exactly these keys: {string.Join(", ", AcceptedApiKeys)}"
                : $"any key starting with '{AcceptedKeyPrefix}'";
        }
    }
}
