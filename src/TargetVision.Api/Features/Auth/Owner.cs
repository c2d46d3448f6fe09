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
}

internal sealed class OwnerConfiguration : IEntityTypeConfiguration<Owner>
{
    public void Configure(EntityTypeBuilder<Owner> builder)
    {
        builder.ToTable("owners");
        builder.Property(o => o.Email).HasMaxLength(320);
        builder.Property(o => o.NormalizedEmail).HasMaxLength(320);
        builder.HasIndex(o => o.NormalizedEmail).IsUnique();
    }
}
