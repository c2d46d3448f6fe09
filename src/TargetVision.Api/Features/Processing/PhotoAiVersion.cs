using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TargetVision.Api.Features.Library;

namespace TargetVision.Api.Features.Processing;

/// <summary>
/// One AI description of a photo. Versions are never overwritten: a regeneration or a human edit adds a row, and
/// the newest row is the photo's current description.
/// </summary>
public sealed class PhotoAiVersion
{
    public long Id { get; set; }
    public int PhotoId { get; set; }
    public int Version { get; set; }
    public required string Description { get; set; }
    public List<string> Keywords { get; set; } = [];
    public int? PeopleCount { get; set; }
    public string? Setting { get; set; }

    /// <summary>anthropic, openai, or user for a human edit.</summary>
    public required string Provider { get; set; }
    public required string Model { get; set; }
    public int? PromptId { get; set; }
    public int? PromptVersion { get; set; }
    public long InputTokens { get; set; }
    public long OutputTokens { get; set; }
    public decimal CostUsd { get; set; }
    public int LatencyMs { get; set; }

    /// <summary>The batch that paid for this version: a re-run of the same job reuses it instead of paying again.</summary>
    public Guid? BatchId { get; set; }

    public bool Approved { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public bool EditedByUser { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class PhotoAiVersionConfiguration : IEntityTypeConfiguration<PhotoAiVersion>
{
    public void Configure(EntityTypeBuilder<PhotoAiVersion> builder)
    {
        builder.ToTable("photo_ai_versions");
        builder.HasIndex(v => new { v.PhotoId, v.Version }).IsUnique();
        // At most one paid description per photo and batch, even if two workers race on an expired lease.
        builder.HasIndex(v => new { v.PhotoId, v.BatchId }).IsUnique().HasFilter("batch_id IS NOT NULL");
        builder.HasIndex(v => v.CreatedAt);
        builder.Property(v => v.Description).HasMaxLength(8000);
        builder.Property(v => v.Provider).HasMaxLength(20);
        builder.Property(v => v.Model).HasMaxLength(100);
        builder.Property(v => v.Setting).HasMaxLength(200);
        builder.Property(v => v.CostUsd).HasPrecision(12, 6);
        builder.HasOne<Photo>().WithMany().HasForeignKey(v => v.PhotoId).OnDelete(DeleteBehavior.Cascade);
        // The Library's current-description pointer; declared here because Library must not know this entity.
        builder.HasMany<Photo>().WithOne().HasForeignKey(p => p.CurrentAiVersionId).OnDelete(DeleteBehavior.SetNull);
    }
}
