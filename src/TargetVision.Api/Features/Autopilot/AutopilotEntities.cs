using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TargetVision.Api.Features.Autopilot;

public enum ScheduleMode { Off, Hourly, EveryHours, Daily }

public enum CaptionMode { Never, WhenEmpty, Always }

public enum TitleMode { Never, WhenEmpty }

/// <summary>
/// The owner's autopilot choices, one row in the database so every replica reads the same schedule and a change
/// takes effect on the next tick without a restart.
/// </summary>
public sealed class AutopilotSettings
{
    public const int SingletonId = 1;
    public int Id { get; set; } = SingletonId;

    public ScheduleMode Mode { get; set; }

    /// <summary>For <see cref="ScheduleMode.EveryHours"/>: 1–168.</summary>
    public int EveryHours { get; set; } = 6;

    /// <summary>For <see cref="ScheduleMode.Daily"/>: minutes after midnight in <see cref="TimeZone"/>.</summary>
    public int DailyMinute { get; set; } = 180;
    public string TimeZone { get; set; } = "UTC";

    /// <summary>SmugMug folder node ids to sync; empty for the whole account.</summary>
    public List<string> FolderNodeIds { get; set; } = [];

    public bool AutoDescribe { get; set; }

    /// <summary>Model id for auto-describe; null for the owner's preferred model.</summary>
    public string? Model { get; set; }
    public int? PromptId { get; set; }

    public decimal? MonthlyCapUsd { get; set; }
    public decimal? RunCapUsd { get; set; }

    public bool WriteKeywords { get; set; } = true;
    public CaptionMode Caption { get; set; } = CaptionMode.WhenEmpty;
    public TitleMode Title { get; set; } = TitleMode.Never;

    /// <summary>When the schedule last changed: interval slots count from here and no slot before it runs.</summary>
    public DateTimeOffset ScheduleChangedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public enum RunStatus { Syncing, Describing, Paused, Completed, Failed }

/// <summary>One scheduled (or "run now") autopilot run: its sync batches, its describe batch and what they did.</summary>
public sealed class AutopilotRun
{
    public long Id { get; set; }

    /// <summary>The slot and attempt (<c>2026-12-07T03:00:00Z#1</c>): unique, so two replicas can never both start it.</summary>
    public required string RunKey { get; set; }
    public required string Trigger { get; set; }
    public RunStatus Status { get; set; }
    public DateTimeOffset Slot { get; set; }
    public int Attempt { get; set; }
    public List<Guid> SyncBatchIds { get; set; } = [];
    public Guid? DescribeBatchId { get; set; }
    public int Added { get; set; }
    public int Updated { get; set; }
    public int Removed { get; set; }
    public int ToDescribe { get; set; }
    public int Described { get; set; }
    public int Failed { get; set; }
    public decimal CostUsd { get; set; }
    public string? Error { get; set; }
    public string? PausedReason { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>What autopilot last saw of a photo's file, so "changed" means a replaced image, not edited metadata.</summary>
public sealed class AutopilotPhotoStamp
{
    public int PhotoId { get; set; }
    public int Serial { get; set; }
    public string? ArchivedMd5 { get; set; }
}

/// <summary>An album (by key) or a folder (by path, covering its sub-folders) opted in to write-back.</summary>
public sealed class WriteBackTarget
{
    public int Id { get; set; }

    /// <summary>album or folder.</summary>
    public required string Kind { get; set; }
    public required string Key { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum WriteBackStatus { Previewed, Writing, Written, Cancelled }

/// <summary>A previewed write-back; confirming it starts the batch that writes exactly the previewed values.</summary>
public sealed class WriteBack
{
    public long Id { get; set; }
    public required string Label { get; set; }
    public WriteBackStatus Status { get; set; }
    public Guid? BatchId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
}

public enum WriteBackItemStatus { Pending, Written, Skipped, Failed, Undone, Protected }

/// <summary>
/// One photo of a write-back: the SmugMug values seen at preview, the values to write, and after the write the
/// values SmugMug had just before it (what undo restores) and the LastUpdated it answered with (what undo checks).
/// </summary>
public sealed class WriteBackItem
{
    public long Id { get; set; }
    public long WriteBackId { get; set; }
    public int PhotoId { get; set; }
    public required string ImageKey { get; set; }
    public long AiVersionId { get; set; }
    public DateTimeOffset? SeenLastUpdated { get; set; }

    public string? OldCaption { get; set; }
    public List<string> OldKeywords { get; set; } = [];
    public string? OldTitle { get; set; }

    /// <summary>Null where the field is not written.</summary>
    public string? NewCaption { get; set; }
    public List<string>? NewKeywords { get; set; }
    public string? NewTitle { get; set; }

    public WriteBackItemStatus Status { get; set; }
    public string? Message { get; set; }

    public string? PreviousCaption { get; set; }
    public List<string>? PreviousKeywords { get; set; }
    public string? PreviousTitle { get; set; }
    public DateTimeOffset? WrittenLastUpdated { get; set; }
    public DateTimeOffset? WrittenAt { get; set; }
    public DateTimeOffset? UndoneAt { get; set; }
}

internal sealed class AutopilotConfiguration :
    IEntityTypeConfiguration<AutopilotSettings>, IEntityTypeConfiguration<AutopilotRun>, IEntityTypeConfiguration<AutopilotPhotoStamp>,
    IEntityTypeConfiguration<WriteBackTarget>, IEntityTypeConfiguration<WriteBack>, IEntityTypeConfiguration<WriteBackItem>
{
    public void Configure(EntityTypeBuilder<AutopilotSettings> builder)
    {
        builder.ToTable("autopilot_settings");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Mode).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Caption).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Title).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.TimeZone).HasMaxLength(100);
        builder.Property(s => s.Model).HasMaxLength(100);
        builder.Property(s => s.MonthlyCapUsd).HasPrecision(12, 6);
        builder.Property(s => s.RunCapUsd).HasPrecision(12, 6);
    }

    public void Configure(EntityTypeBuilder<AutopilotRun> builder)
    {
        builder.ToTable("autopilot_runs");
        builder.HasIndex(r => r.RunKey).IsUnique();
        builder.HasIndex(r => r.StartedAt);
        builder.Property(r => r.RunKey).HasMaxLength(100);
        builder.Property(r => r.Trigger).HasMaxLength(20);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.CostUsd).HasPrecision(12, 6);
        builder.Property(r => r.Error).HasMaxLength(2000);
        builder.Property(r => r.PausedReason).HasMaxLength(500);
    }

    public void Configure(EntityTypeBuilder<AutopilotPhotoStamp> builder)
    {
        builder.ToTable("autopilot_photo_stamps");
        builder.HasKey(s => s.PhotoId);
        builder.Property(s => s.PhotoId).ValueGeneratedNever();
        builder.Property(s => s.ArchivedMd5).HasMaxLength(64);
        builder.HasOne<Library.Photo>().WithMany().HasForeignKey(s => s.PhotoId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<WriteBackTarget> builder)
    {
        builder.ToTable("writeback_targets");
        builder.HasIndex(t => new { t.Kind, t.Key }).IsUnique();
        builder.Property(t => t.Kind).HasMaxLength(10);
        builder.Property(t => t.Key).HasMaxLength(1000);
    }

    public void Configure(EntityTypeBuilder<WriteBack> builder)
    {
        builder.ToTable("writebacks");
        builder.Property(w => w.Label).HasMaxLength(300);
        builder.Property(w => w.Status).HasConversion<string>().HasMaxLength(20);
    }

    public void Configure(EntityTypeBuilder<WriteBackItem> builder)
    {
        builder.ToTable("writeback_items");
        builder.HasIndex(i => new { i.WriteBackId, i.PhotoId }).IsUnique();
        builder.HasIndex(i => new { i.PhotoId, i.Status });
        builder.Property(i => i.ImageKey).HasMaxLength(50);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Message).HasMaxLength(500);
        builder.HasOne<WriteBack>().WithMany().HasForeignKey(i => i.WriteBackId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Library.Photo>().WithMany().HasForeignKey(i => i.PhotoId).OnDelete(DeleteBehavior.Cascade);
    }
}
