using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TargetVision.Api.Features.Processing;

/// <summary>One saved text of a prompt; never changed after it is written.</summary>
public sealed class PromptVersion
{
    public long Id { get; set; }
    public int PromptId { get; set; }
    public int Version { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class PromptVersionConfiguration : IEntityTypeConfiguration<PromptVersion>
{
    public void Configure(EntityTypeBuilder<PromptVersion> builder)
    {
        builder.ToTable("prompt_versions");
        builder.HasIndex(v => new { v.PromptId, v.Version }).IsUnique();
        builder.Property(v => v.Text).HasMaxLength(8000);
        builder.HasOne<Prompt>().WithMany().HasForeignKey(v => v.PromptId).OnDelete(DeleteBehavior.Cascade);
    }
}
