using TargetVision.Api.Features.Autopilot;

namespace TargetVision.Tests.Unit;

/// <summary>The demo's short "hour": interval schedules count in it only in demo mode, and slots keep their rules.</summary>
public sealed class AutopilotScheduleHourTests
{
    private static readonly DateTimeOffset Anchor = new(2026, 12, 7, 6, 0, 30, TimeSpan.Zero);

    [Theory]
    [InlineData(false, 2, 60)]
    [InlineData(true, 2, 2)]
    [InlineData(true, 60, 60)]
    [InlineData(true, 0, 60)]
    [InlineData(true, 500, 60)]
    public void The_hour_is_shortened_only_in_demo_mode_and_only_below_an_hour(bool demo, double minutes, double expected) =>
        Assert.Equal(TimeSpan.FromMinutes(expected), new AutopilotOptions { DemoHourMinutes = minutes }.ScheduleHour(demo));

    [Fact]
    public void Hourly_and_every_n_hours_slots_follow_the_given_hour()
    {
        var hour = TimeSpan.FromMinutes(2);
        var hourly = new AutopilotSettings { Mode = ScheduleMode.Hourly, ScheduleChangedAt = Anchor };
        var start = new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);

        // Nothing is due before the first slot after the change; then one slot per (short) hour.
        Assert.Null(AutopilotSchedule.LatestSlot(hourly, Anchor.AddSeconds(60), hour));
        Assert.Equal(start.AddMinutes(2), AutopilotSchedule.NextSlot(hourly, Anchor, hour));
        Assert.Equal(start.AddMinutes(2), AutopilotSchedule.LatestSlot(hourly, start.AddMinutes(3), hour));
        Assert.Equal(start.AddMinutes(4), AutopilotSchedule.NextSlot(hourly, start.AddMinutes(3), hour));

        var everyThree = new AutopilotSettings { Mode = ScheduleMode.EveryHours, EveryHours = 3, ScheduleChangedAt = Anchor };
        Assert.Equal(start.AddMinutes(6), AutopilotSchedule.LatestSlot(everyThree, start.AddMinutes(7), hour));
        Assert.Equal(start.AddMinutes(12), AutopilotSchedule.NextSlot(everyThree, start.AddMinutes(7), hour));

        // Without a given hour it is a real one.
        Assert.Equal(start.AddHours(3), AutopilotSchedule.NextSlot(everyThree, start.AddMinutes(7)));
    }
}
