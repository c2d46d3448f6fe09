using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace TargetVision.Api.Features.Auth;

/// <summary>
/// Per-account brake beside the per-address limiter: behind a proxy or NAT many people share one address, and an
/// attacker can rotate addresses, so failed sign-ins are also counted per email. It never refuses: after a few
/// failures each further attempt for that account waits (doubling, capped), so guessing becomes slow while the owner,
/// who knows the password, still gets in — a stranger can delay the owner by at most the cap, never lock them out.
/// </summary>
public sealed class LoginThrottle(TimeProvider clock, IOptions<AuthOptions> options)
{
    // Bounds memory when someone sprays random emails; entries past the quiet period are dropped first.
    private const int MaxTrackedAccounts = 10_000;

    private readonly ConcurrentDictionary<string, Failures> failures = new(StringComparer.Ordinal);

    private sealed record Failures(int Count, DateTimeOffset Last);

    /// <summary>How long the next attempt for <paramref name="email"/> waits before its password is checked.</summary>
    public TimeSpan DelayFor(string? email)
    {
        if (!failures.TryGetValue(Key(email), out var entry) || Expired(entry))
        {
            return TimeSpan.Zero;
        }
        var settings = options.Value;
        var over = entry.Count - settings.LoginFreeFailuresPerAccount;
        if (over < 0)
        {
            return TimeSpan.Zero;
        }
        var seconds = Math.Min(settings.LoginMaxDelaySeconds, Math.Pow(2, Math.Min(over, 20)));
        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>Waits out the account's current delay (cancelled with the request).</summary>
    public Task WaitAsync(string? email, CancellationToken ct)
    {
        var delay = DelayFor(email);
        return delay > TimeSpan.Zero ? Task.Delay(delay, clock, ct) : Task.CompletedTask;
    }

    public void RecordFailure(string? email)
    {
        if (failures.Count >= MaxTrackedAccounts)
        {
            foreach (var (key, value) in failures)
            {
                if (Expired(value))
                {
                    failures.TryRemove(key, out _);
                }
            }
        }
        var now = clock.GetUtcNow();
        failures.AddOrUpdate(Key(email), _ => new Failures(1, now),
            (_, old) => Expired(old) ? new Failures(1, now) : new Failures(old.Count + 1, now));
    }

    public void RecordSuccess(string? email) => failures.TryRemove(Key(email), out _);

    private bool Expired(Failures entry) =>
        clock.GetUtcNow() - entry.Last > TimeSpan.FromMinutes(options.Value.LoginFailureWindowMinutes);

    private static string Key(string? email) => (email ?? "").Trim().ToUpperInvariant();
}
