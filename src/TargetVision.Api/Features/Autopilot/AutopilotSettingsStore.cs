using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TargetVision.Api.Infrastructure.Database;

namespace TargetVision.Api.Features.Autopilot;

/// <summary>Reads and validates the one autopilot settings row (defaults until the owner saves it).</summary>
public sealed class AutopilotSettingsStore(
    AppDbContext db, [FromKeyedServices(AutopilotClock.Key)] TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<AutopilotOptions> options, Microsoft.Extensions.Options.IOptions<TargetVision.Api.Infrastructure.AppOptions> app)
{
    public const int MaxFolders = 50;

    /// <summary>The hour interval schedules count in (shortened only in demo mode).</summary>
    public TimeSpan ScheduleHour => options.Value.ScheduleHour(app.Value.DemoMode);

    public async Task<AutopilotSettings> GetAsync(CancellationToken ct) =>
        await db.Set<AutopilotSettings>().SingleOrDefaultAsync(s => s.Id == AutopilotSettings.SingletonId, ct)
        ?? new AutopilotSettings { ScheduleChangedAt = clock.GetUtcNow() };

    public static string DailyTime(AutopilotSettings s) =>
        $"{s.DailyMinute / 60:00}:{s.DailyMinute % 60:00}";

    /// <summary>Applies an update; returns errors by field (nothing is saved when there are any).</summary>
    public async Task<(AutopilotSettings Settings, Dictionary<string, string[]> Errors)> UpdateAsync(AutopilotSettingsUpdate u, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var s = await GetAsync(ct);
        var isNew = db.Entry(s).State == EntityState.Detached;
        var scheduleBefore = (s.Mode, s.EveryHours, s.DailyMinute, s.TimeZone);

        if (u.Mode is { } mode)
        {
            if (!Enum.IsDefined(mode))
            {
                errors["mode"] = ["Must be off, hourly, every_hours or daily."];
            }
            s.Mode = mode;
        }
        if (u.EveryHours is { } hours)
        {
            if (hours is < 1 or > 168)
            {
                errors["everyHours"] = ["Must be between 1 and 168."];
            }
            s.EveryHours = hours;
        }
        if (u.DailyTime is { } time)
        {
            if (TimeOnly.TryParseExact(time.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
            {
                s.DailyMinute = (t.Hour * 60) + t.Minute;
            }
            else
            {
                errors["dailyTime"] = ["Use HH:mm (24-hour), e.g. 03:30."];
            }
        }
        if (u.TimeZone is { } zone)
        {
            if (!AutopilotSchedule.IsKnownZone(zone.Trim()))
            {
                errors["timeZone"] = ["Unknown time zone; use an IANA name such as Europe/Zurich, or UTC."];
            }
            s.TimeZone = zone.Trim();
        }
        if (u.FolderNodeIds is { } folders)
        {
            var cleaned = folders.Select(f => f?.Trim() ?? "").Where(f => f.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            if (cleaned.Count > MaxFolders || cleaned.Any(f => f.Length > 50))
            {
                errors["folderNodeIds"] = [$"At most {MaxFolders} folder node ids of up to 50 characters."];
            }
            s.FolderNodeIds = cleaned;
        }
        if (u.AutoDescribe is { } auto)
        {
            s.AutoDescribe = auto;
        }
        if (u.Model is { } model)
        {
            s.Model = string.IsNullOrWhiteSpace(model) ? null : model.Trim();
            if (s.Model is { Length: > 100 })
            {
                errors["model"] = ["Too long."];
            }
        }
        if (u.PromptId is { } prompt)
        {
            s.PromptId = prompt > 0 ? prompt : null;
        }
        s.MonthlyCapUsd = Cap(u.MonthlyCapUsd, u.ClearMonthlyCap, s.MonthlyCapUsd, "monthlyCapUsd", errors);
        s.RunCapUsd = Cap(u.RunCapUsd, u.ClearRunCap, s.RunCapUsd, "runCapUsd", errors);
        if (u.WriteKeywords is { } kw)
        {
            s.WriteKeywords = kw;
        }
        if (u.Caption is { } caption)
        {
            if (!Enum.IsDefined(caption))
            {
                errors["caption"] = ["Must be never, when_empty or always."];
            }
            s.Caption = caption;
        }
        if (u.Title is { } title)
        {
            if (!Enum.IsDefined(title))
            {
                errors["title"] = ["Must be never or when_empty."];
            }
            s.Title = title;
        }
        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return (s, errors);
        }

        var now = clock.GetUtcNow();
        if (isNew || scheduleBefore != (s.Mode, s.EveryHours, s.DailyMinute, s.TimeZone))
        {
            s.ScheduleChangedAt = now;
        }
        s.UpdatedAt = now;
        if (isNew)
        {
            db.Add(s);
        }
        await db.SaveChangesAsync(ct);
        return (s, errors);
    }

    private static decimal? Cap(decimal? value, bool? clear, decimal? current, string field, Dictionary<string, string[]> errors)
    {
        if (clear == true)
        {
            return null;
        }
        if (value is not { } v)
        {
            return current;
        }
        if (v is < 0 or > 100_000)
        {
            errors[field] = ["Must be between 0 and 100000 USD."];
        }
        return Math.Round(v, 6);
    }
}

/// <summary>The clock of the scheduler, a keyed service so tests move it without moving the whole app's time.</summary>
public static class AutopilotClock
{
    public const string Key = "autopilot";
}
