using Microsoft.Extensions.Options;
using TargetVision.Api.Features.Auth;

namespace TargetVision.Tests.Unit;

public sealed class LoginThrottleTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static (LoginThrottle Throttle, ManualClock Clock) Create()
    {
        var clock = new ManualClock();
        var options = Options.Create(new AuthOptions { LoginFreeFailuresPerAccount = 3, LoginMaxDelaySeconds = 30, LoginFailureWindowMinutes = 15 });
        return (new LoginThrottle(clock, options), clock);
    }

    [Fact]
    public void Failures_slow_the_account_down_doubling_up_to_the_cap_and_never_refuse()
    {
        var (throttle, _) = Create();
        var delays = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            delays.Add(throttle.DelayFor("owner@example.test").TotalSeconds);
            throttle.RecordFailure("owner@example.test");
        }
        Assert.Equal([0, 0, 0, 1, 2, 4, 8, 16, 30, 30], delays);
    }

    [Fact]
    public void The_account_key_ignores_case_and_spaces_and_other_accounts_are_not_affected()
    {
        var (throttle, _) = Create();
        for (var i = 0; i < 5; i++)
        {
            throttle.RecordFailure(i % 2 == 0 ? "Owner@Example.test " : "owner@example.test");
        }
        Assert.Equal(TimeSpan.FromSeconds(4), throttle.DelayFor("OWNER@example.test"));
        Assert.Equal(TimeSpan.Zero, throttle.DelayFor("someone-else@example.test"));
    }

    [Fact]
    public void A_successful_sign_in_or_a_quiet_period_clears_the_delay()
    {
        var (throttle, clock) = Create();
        for (var i = 0; i < 6; i++)
        {
            throttle.RecordFailure("a@example.test");
            throttle.RecordFailure("b@example.test");
        }
        Assert.True(throttle.DelayFor("a@example.test") > TimeSpan.Zero);
        throttle.RecordSuccess("a@example.test");
        Assert.Equal(TimeSpan.Zero, throttle.DelayFor("a@example.test"));

        clock.Now += TimeSpan.FromMinutes(14);
        Assert.True(throttle.DelayFor("b@example.test") > TimeSpan.Zero);
        clock.Now += TimeSpan.FromMinutes(2);
        Assert.Equal(TimeSpan.Zero, throttle.DelayFor("b@example.test"));
        // After the quiet period counting starts again from one failure.
        throttle.RecordFailure("b@example.test");
        Assert.Equal(TimeSpan.Zero, throttle.DelayFor("b@example.test"));
    }
}
