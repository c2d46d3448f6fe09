using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TargetVision.Api.Features.Ai;

/// <summary>
/// One paid provider call (a description or a prompt test). Usage totals come from here rather than from the
/// versions table, because prompt tests cost money but save nothing, and deleted descriptions were still paid for.
/// </summary>
public sealed class AiUsageRecord
{
    public long Id { get; set; }
    public required string Provider { get; set; }
    public required string Model { get; set; }

    /// <summary>describe or prompt_test.</summary>
    public required string Purpose { get; set; }
    public int? PhotoId { get; set; }
    public long InputTokens { get; set; }
    public long OutputTokens { get; set; }
    public decimal CostUsd { get; set; }
    public int LatencyMs { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class AiUsageRecordConfiguration : IEntityTypeConfiguration<AiUsageRecord>
{
    public void Configure(EntityTypeBuilder<AiUsageRecord> builder)
    {
        builder.ToTable("ai_usage");
        builder.HasIndex(u => u.CreatedAt);
        builder.Property(u => u.Provider).HasMaxLength(20);
        builder.Property(u => u.Model).HasMaxLength(100);
        builder.Property(u => u.Purpose).HasMaxLength(20);
        builder.Property(u => u.CostUsd).HasPrecision(12, 6);
    }
}
