using TargetVision.Api.Infrastructure.Events;
using TargetVision.Api.Infrastructure.Jobs;

namespace TargetVision.Api.Features.Autopilot;

public sealed class AutopilotOptions
{
    public const string Section = "Autopilot";

    /// <summary>How often each replica looks for a due run and advances running ones.</summary>
    public double TickSeconds { get; set; } = 60;

    /// <summary>Run the scheduler loop in this process (the ticks are safe on every replica).</summary>
    public bool SchedulerEnabled { get; set; } = true;

    /// <summary>
    /// Demo mode only (App:DemoMode): the length of an "hour" of the hourly and every-N-hours schedules, in minutes, so
    /// a walkthrough sees scheduled runs without waiting an hour. Ignored outside demo mode and outside 1–60.
    /// </summary>
    public double DemoHourMinutes { get; set; } = 60;

    /// <summary>The hour the interval schedules count in: a real hour unless the demo shortens it.</summary>
    public TimeSpan ScheduleHour(bool demoMode) =>
        demoMode && DemoHourMinutes is >= 1 and < 60 ? TimeSpan.FromMinutes(DemoHourMinutes) : TimeSpan.FromHours(1);
}

public sealed record AutopilotSettingsView(
    ScheduleMode Mode, int EveryHours, string DailyTime, string TimeZone, IReadOnlyList<string> FolderNodeIds,
    bool AutoDescribe, string? Model, int? PromptId, decimal? MonthlyCapUsd, decimal? RunCapUsd,
    bool WriteKeywords, CaptionMode Caption, TitleMode Title, DateTimeOffset? NextRunAt, SpendView Spend);

public sealed record SpendView(decimal SpentThisMonthUsd, decimal? MonthlyCapUsd, decimal? RemainingUsd, bool AtCap);

/// <summary>Body of <c>PUT /api/autopilot/settings</c>; every field optional, omitted ones keep their value.</summary>
public sealed record AutopilotSettingsUpdate(
    ScheduleMode? Mode, int? EveryHours, string? DailyTime, string? TimeZone, string[]? FolderNodeIds,
    bool? AutoDescribe, string? Model, int? PromptId, decimal? MonthlyCapUsd, decimal? RunCapUsd,
    bool? ClearMonthlyCap, bool? ClearRunCap, bool? WriteKeywords, CaptionMode? Caption, TitleMode? Title);

/// <summary>One run of the history, and the <c>autopilot.run</c> event sent on each of its changes.</summary>
public sealed record RunView(
    long Id, string Trigger, RunStatus Status, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, int Attempt,
    IReadOnlyList<Guid> SyncBatchIds, Guid? DescribeBatchId, int Added, int Updated, int Removed, int ToDescribe,
    int Described, int Failed, decimal CostUsd, string? Error, string? PausedReason) : IEvent
{
    public static string Type => "autopilot.run";

    public static RunView From(AutopilotRun r) => new(r.Id, r.Trigger, r.Status, r.StartedAt, r.FinishedAt, r.Attempt,
        [.. r.SyncBatchIds], r.DescribeBatchId, r.Added, r.Updated, r.Removed, r.ToDescribe, r.Described, r.Failed,
        Math.Round(r.CostUsd, 4), r.Error, r.PausedReason);
}

/// <summary>Sent when a spending cap pauses an auto-describe batch.</summary>
public sealed record BudgetPaused(long RunId, Guid BatchId, string Reason, decimal SpentUsd, decimal CapUsd) : IEvent
{
    public static string Type => "autopilot.budget";
}

public sealed record WriteBackTargetView(string Kind, string Key);

public sealed record WriteBackAlbumOption(string AlbumKey, string Name, string? FolderPath, bool OptedIn, bool Inherited);

public sealed record WriteBackTargetsView(IReadOnlyList<WriteBackTargetView> Targets, IReadOnlyList<WriteBackAlbumOption> Albums, IReadOnlyList<string> Folders);

public sealed record WriteBackTargetRequest(string? Kind, string? Key, bool? Enabled);

public sealed record WriteBackPreviewRequest(string? Scope, int[]? PhotoIds, string? AlbumKey, string? FolderPath);

public sealed record FieldChange<T>(T From, T To);

public sealed record WriteBackItemView(
    long Id, int PhotoId, string ImageKey, WriteBackItemStatus Status, string? Message,
    FieldChange<string?>? Caption, FieldChange<IReadOnlyList<string>>? Keywords, FieldChange<string?>? Title,
    DateTimeOffset? WrittenAt, DateTimeOffset? UndoneAt);

public sealed record WriteBackView(
    long? Id, string Label, WriteBackStatus Status, Guid? BatchId, int Changes, int Unchanged, int NotOptedIn, int NotApproved,
    IReadOnlyDictionary<string, int> Counts, IReadOnlyList<WriteBackItemView> Items);

public sealed record WriteBackUndoRequest(long? WriteBackId, int[]? PhotoIds, string? AlbumKey, bool? Force);

public sealed record WriteBackStarted(BatchView Batch, int Photos);
