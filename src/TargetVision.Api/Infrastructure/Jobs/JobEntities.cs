using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TargetVision.Api.Infrastructure.Jobs;

public enum JobStatus { Queued, Running, Succeeded, Failed, Cancelled }

public enum BatchStatus { Running, Paused, Completed, Cancelled }

/// <summary>
/// A group of jobs the user started together (sync an album, describe 200 photos). Counters are updated in the
/// same transaction that finishes a job, so progress can never drift from the jobs table.
/// </summary>
public sealed class JobBatch
{
    public Guid Id { get; set; }
    public required string Kind { get; set; }
    public required string Title { get; set; }
    public BatchStatus Status { get; set; }
    public int Total { get; set; }
    public int Done { get; set; }
    public int Failed { get; set; }
    public int Cancelled { get; set; }
    public decimal CostUsd { get; set; }
    public JsonDocument? Parameters { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>One unit of durable work. Claimed with FOR UPDATE SKIP LOCKED, held by a lease that a heartbeat renews.</summary>
public sealed class Job
{
    public long Id { get; set; }
    public Guid? BatchId { get; set; }
    public required string Kind { get; set; }
    public required JsonDocument Payload { get; set; }

    /// <summary>At most one job per key (e.g. describe:photo:batch), so a retry or double click never pays twice.</summary>
    public string? IdempotencyKey { get; set; }

    public JobStatus Status { get; set; }
    public int Priority { get; set; }
    public int Attempts { get; set; }
    public int MaxAttempts { get; set; } = 5;
    public DateTimeOffset RunAfter { get; set; }
    public string? LockedBy { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public string? LastError { get; set; }
    public JsonDocument? Result { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class JobBatchConfiguration : IEntityTypeConfiguration<JobBatch>
{
    public void Configure(EntityTypeBuilder<JobBatch> builder)
    {
        builder.ToTable("job_batches");
        builder.Property(b => b.Kind).HasMaxLength(50);
        builder.Property(b => b.Title).HasMaxLength(300);
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(b => b.CostUsd).HasPrecision(12, 6);
        builder.HasIndex(b => new { b.Status, b.CreatedAt });
    }
}

internal sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> builder)
    {
        builder.ToTable("jobs");
        builder.Property(j => j.Kind).HasMaxLength(50);
        builder.Property(j => j.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(j => j.IdempotencyKey).HasMaxLength(200);
        builder.Property(j => j.LockedBy).HasMaxLength(200);
        builder.HasIndex(j => j.IdempotencyKey).IsUnique();
        // The claim query's index: only queued rows, in the order they are taken.
        builder.HasIndex(j => new { j.Priority, j.RunAfter, j.Id }).HasFilter("status = 'Queued'").HasDatabaseName("ix_jobs_claimable");
        builder.HasIndex(j => j.LockedUntil).HasFilter("status = 'Running'").HasDatabaseName("ix_jobs_leases");
        builder.HasIndex(j => new { j.BatchId, j.Status });
        builder.HasOne<JobBatch>().WithMany().HasForeignKey(j => j.BatchId).OnDelete(DeleteBehavior.Cascade);
    }
}
