namespace TargetVision.Api.Features.Autopilot;

/// <summary>
/// Schedule arithmetic, pure so it is tested without a clock: the latest slot that is due at a moment and the next
/// one. Interval schedules count from the moment the schedule was set (so "every 6 hours" set at 14:10 runs at
/// 20:10, 02:10, …); daily runs at a local time of the chosen zone. No slot before the schedule's change is ever due,
/// so turning a schedule on never triggers a run for the past.
/// </summary>
public static class AutopilotSchedule
{
    /// <param name="s">The schedule.</param>
    /// <param name="now">The moment asked about.</param>
    /// <param name="hour">What an hour of the interval schedules lasts: one hour, except in the demo (<see cref="AutopilotOptions.DemoHourMinutes"/>).</param>
    public static DateTimeOffset? LatestSlot(AutopilotSettings s, DateTimeOffset now, TimeSpan? hour = null) => s.Mode switch
    {
        ScheduleMode.Hourly => IntervalSlot(s.ScheduleChangedAt, hour ?? TimeSpan.FromHours(1), now, 0),
        ScheduleMode.EveryHours => IntervalSlot(s.ScheduleChangedAt, (hour ?? TimeSpan.FromHours(1)) * s.EveryHours, now, 0),
        ScheduleMode.Daily => DailySlot(s, now, 0),
        _ => null,
    };

    /// <inheritdoc cref="LatestSlot"/>
    public static DateTimeOffset? NextSlot(AutopilotSettings s, DateTimeOffset now, TimeSpan? hour = null) => s.Mode switch
    {
        ScheduleMode.Hourly => IntervalSlot(s.ScheduleChangedAt, hour ?? TimeSpan.FromHours(1), now, 1),
        ScheduleMode.EveryHours => IntervalSlot(s.ScheduleChangedAt, (hour ?? TimeSpan.FromHours(1)) * s.EveryHours, now, 1),
        ScheduleMode.Daily => DailySlot(s, now, 1),
        _ => null,
    };

    private static DateTimeOffset? IntervalSlot(DateTimeOffset anchor, TimeSpan period, DateTimeOffset now, int ahead)
    {
        var start = Minute(anchor);
        var k = (long)Math.Floor((now - start) / period) + ahead;
        return k < 1 ? (ahead == 1 ? start + period : null) : start + (period * k);
    }

    private static DateTimeOffset? DailySlot(AutopilotSettings s, DateTimeOffset now, int ahead)
    {
        var zone = Zone(s.TimeZone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var slot = At(zone, local.Date.AddMinutes(s.DailyMinute));
        if (slot > now)
        {
            slot = At(zone, local.Date.AddDays(-1).AddMinutes(s.DailyMinute));
        }
        if (ahead == 1)
        {
            var next = At(zone, TimeZoneInfo.ConvertTime(slot, zone).Date.AddDays(1).AddMinutes(s.DailyMinute));
            return next;
        }
        return slot < Minute(s.ScheduleChangedAt) ? null : slot;
    }

    private static DateTimeOffset At(TimeZoneInfo zone, DateTime localTime)
    {
        var unspecified = DateTime.SpecifyKind(localTime, DateTimeKind.Unspecified);
        // A local time skipped by a DST jump is taken an hour later; an ambiguous one is its first occurrence.
        if (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    public static bool IsKnownZone(string id) => TryZone(id) is not null;

    private static TimeZoneInfo Zone(string id) => TryZone(id) ?? TimeZoneInfo.Utc;

    private static TimeZoneInfo? TryZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    private static DateTimeOffset Minute(DateTimeOffset t) =>
        new DateTimeOffset(t.UtcDateTime.Ticks - (t.UtcDateTime.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
}
