using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TargetVision.Api.Features.Ai;

namespace TargetVision.Tests.Ai;

public sealed class RateLimitFixture : AppFixture
{
    public const int RequestsPerMinute = 600; // one slot every 100 ms

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ai:RequestsPerMinute"] = RequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Ai:OpenAiRequestsPerMinute"] = "60",
        ["Jobs:WorkerEnabled"] = "false",
    };

    /// <summary>A second app instance on the same database: another replica with its own connection pool.</summary>
    public TargetVisionApp CreateReplica() => new(Database, Settings);
}

/// <summary>The provider rate limit is shared through PostgreSQL: replicas together stay within it.</summary>
public sealed class AiRateLimiterTests(RateLimitFixture fixture) : IClassFixture<RateLimitFixture>
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1.0 / RateLimitFixture.RequestsPerMinute);

    [Fact]
    public async Task Two_replicas_reserving_at_once_get_slots_one_interval_apart()
    {
        await using var other = fixture.CreateReplica();
        _ = other.Server;
        var limiters = new[] { fixture.App.Services.GetRequiredService<AiRateLimiter>(), other.Services.GetRequiredService<AiRateLimiter>() };

        // 2 replicas × 6 concurrent callers × 3 reservations, all for one provider.
        var slots = (await Task.WhenAll(limiters.SelectMany(limiter => Enumerable.Range(0, 6).Select(async _ =>
        {
            var mine = new List<DateTimeOffset>();
            for (var i = 0; i < 3; i++)
            {
                mine.Add((await limiter.ReserveAsync("anthropic", CancellationToken.None)).Slot);
            }
            return mine;
        })))).SelectMany(s => s).Order().ToList();

        Assert.Equal(36, slots.Count);
        for (var i = 1; i < slots.Count; i++)
        {
            // Microseconds of rounding aside, no two requests share a slot, whichever replica reserved them.
            Assert.True(slots[i] - slots[i - 1] >= Interval - TimeSpan.FromMilliseconds(1),
                $"slots {i - 1} and {i} are {(slots[i] - slots[i - 1]).TotalMilliseconds} ms apart; the limit allows one per {Interval.TotalMilliseconds} ms");
        }
    }

    [Fact]
    public async Task Waiting_callers_on_two_replicas_proceed_no_faster_than_the_limit_and_providers_have_their_own_schedule()
    {
        await using var other = fixture.CreateReplica();
        _ = other.Server;
        var limiters = new[] { fixture.App.Services.GetRequiredService<AiRateLimiter>(), other.Services.GetRequiredService<AiRateLimiter>() };
        // Start from a free schedule so the lower bound below counts only these calls.
        await fixture.Database.ExecuteAsync("DELETE FROM ai_rate_limits");

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(limiters.SelectMany(limiter => Enumerable.Range(0, 10).Select(_ => limiter.WaitAsync("anthropic", CancellationToken.None))));
        var elapsed = watch.Elapsed;

        // 20 calls: the first goes at once, each further one a full interval later.
        Assert.True(elapsed >= 19 * Interval - TimeSpan.FromMilliseconds(20), $"20 calls passed in {elapsed.TotalMilliseconds} ms; the limit needs {19 * Interval.TotalMilliseconds} ms");
        // OpenAI has its own, slower limit (60/min) and its own row: its first slot does not queue behind Anthropic's.
        var (_, wait) = await limiters[1].ReserveAsync("openai", CancellationToken.None);
        Assert.Equal(TimeSpan.Zero, wait);
        var (_, next) = await limiters[0].ReserveAsync("openai", CancellationToken.None);
        Assert.InRange(next, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(1));
    }
}
