using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TargetVision.Api.Features.Processing;

/// <summary>
/// A named description prompt. Its text lives in <see cref="PromptVersion"/> rows: editing adds a version, so a
/// description always names the exact text that produced it. One prompt is active at a time.
/// </summary>
public sealed class Prompt
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>"default" for the built-in prompt (seeded on first use); null for the user's own.</summary>
    public string? BuiltInKey { get; set; }
    public int CurrentVersion { get; set; }
    public bool IsActive { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class PromptConfiguration : IEntityTypeConfiguration<Prompt>
{
    public void Configure(EntityTypeBuilder<Prompt> builder)
    {
        builder.ToTable("prompts");
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.Property(p => p.BuiltInKey).HasMaxLength(50);
        builder.HasIndex(p => p.BuiltInKey).IsUnique().HasFilter("built_in_key IS NOT NULL");
        // The database, not the code, guarantees a single active prompt.
        builder.HasIndex(p => p.IsActive).IsUnique().HasFilter("is_active").HasDatabaseName("ix_prompts_single_active");
    }
}
