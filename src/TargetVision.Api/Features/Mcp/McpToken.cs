using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TargetVision.Api.Features.Mcp;

/// <summary>
/// A personal access token for the MCP server. Only its SHA-256 hash is stored: the token itself is shown once,
/// when it is created. Revoking keeps the row (with its last use) for the owner's record.
/// </summary>
public sealed class McpToken
{
    public long Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The first characters of the token, so the owner can tell tokens apart.</summary>
    public required string Prefix { get; set; }
    public required byte[] Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

internal sealed class McpTokenConfiguration : IEntityTypeConfiguration<McpToken>
{
    public void Configure(EntityTypeBuilder<McpToken> builder)
    {
        builder.ToTable("mcp_tokens");
        builder.HasIndex(t => t.Hash).IsUnique();
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.Prefix).HasMaxLength(20);
    }
}
