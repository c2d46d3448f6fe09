using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TargetVision.Api.Features.Auth;

/// <summary>The single owner account of an instance.</summary>
public sealed class Owner
{
    public int Id { get; set; }
    public required string Email { get; set; }
    public required string NormalizedEmail { get; set; }
    public required string PasswordHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// Copied into every session cookie and compared on each request; replacing it (logout, password change, "sign
    /// out everywhere") ends every session issued before, which a cookie-only ticket could not do.
    /// </summary>
    public string SecurityStamp { get; set; } = "";
}

internal sealed class OwnerConfiguration : IEntityTypeConfiguration<Owner>
{
    public void Configure(EntityTypeBuilder<Owner> builder)
    {
        builder.ToTable("owners");
        builder.Property(o => o.Email).HasMaxLength(320);
        builder.Property(o => o.NormalizedEmail).HasMaxLength(320);
        builder.Property(o => o.SecurityStamp).HasMaxLength(64);
        builder.HasIndex(o => o.NormalizedEmail).IsUnique();
    }
}
