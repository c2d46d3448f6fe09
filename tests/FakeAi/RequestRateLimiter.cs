namespace FakeAi;

/// <summary>
/// Sliding one-minute window, the way a provider's requests-per-minute limit feels to a client:
/// a burst over the limit is refused until the oldest accepted request leaves the window.
/// </summary>
internal sealed class RequestRateLimiter
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Queue<DateTimeOffset> _accepted = new();

    internal RateLimitDecision TryAcquire(int? limit, DateTimeOffset now)
    {
        lock (_accepted)
        {
            while (_accepted.Count > 0 && now - _accepted.Peek() >= Window)
            {
                _accepted.Dequeue();
            }

            if (limit is not { } max)
            {
                _accepted.Enqueue(now);
                return new RateLimitDecision(true, Unlimited, Unlimited - Math.Min(_accepted.Count, Unlimited), now + Window, TimeSpan.Zero);
            }

            var reset = _accepted.Count > 0 ? _accepted.Peek() + Window : now + Window;
            if (_accepted.Count >= max)
            {
                return new RateLimitDecision(false, max, 0, reset, reset - now);
            }

            _accepted.Enqueue(now);
            return new RateLimitDecision(true, max, max - _accepted.Count, reset, TimeSpan.Zero);
        }
    }

    internal void Reset()
    {
        lock (_accepted)
        {
            _accepted.Clear();
        }
    }

    // What headers report when no limit is configured: a generous tier, as a real account would show.
    private const int Unlimited = 4000;
}

internal readonly record struct RateLimitDecision(bool Allowed, int Limit, int Remaining, DateTimeOffset Reset, TimeSpan RetryAfter);
