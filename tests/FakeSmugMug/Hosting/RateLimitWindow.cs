namespace FakeSmugMug.Hosting;

/// <summary>A fixed-window counter behind the X-RateLimit-* headers that SmugMug sends on every response.</summary>
public sealed class RateLimitWindow(int limit, TimeSpan window, TimeProvider clock)
{
    private readonly Lock _lock = new();
    private DateTimeOffset _windowEnd = DateTimeOffset.MinValue;
    private int _used;

    /// <summary>Counts a request; returns what remains and when the window resets; Allowed is false once spent.</summary>
    public (bool Allowed, int Remaining, long ResetEpochSeconds) Hit()
    {
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            if (now >= _windowEnd)
            {
                _windowEnd = now + window;
                _used = 0;
            }

            _used++;
            return (_used <= limit, Math.Max(0, limit - _used), _windowEnd.ToUnixTimeSeconds());
        }
    }
}
