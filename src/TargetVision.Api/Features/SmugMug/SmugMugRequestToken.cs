using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TargetVision.Api.Features.SmugMug;

/// <summary>
/// A pending "Connect SmugMug": the request token's secret lives in the database (not in process memory) so the
/// callback works on any replica and after a restart, expires after a few minutes, is used once, and is bound to
/// the browser that started the flow through a random state whose hash is stored here.
/// </summary>
public sealed class SmugMugRequestToken
{
    public required string Token { get; set; }
    public required string SecretEncrypted { get; set; }
    public required string StateHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The permission asked for on the authorise page, stored on the account when the flow completes.</summary>
    public string? Permissions { get; set; }
}

internal sealed class SmugMugRequestTokenConfiguration : IEntityTypeConfiguration<SmugMugRequestToken>
{
    public void Configure(EntityTypeBuilder<SmugMugRequestToken> builder)
    {
        builder.ToTable("smugmug_request_tokens");
        builder.HasKey(t => t.Token);
        builder.Property(t => t.Token).HasMaxLength(200);
        builder.Property(t => t.StateHash).HasMaxLength(64);
        builder.Property(t => t.Permissions).HasMaxLength(20);
        builder.HasIndex(t => t.ExpiresAt);
    }
}
