using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TargetVision.Api.Features.Settings;

/// <summary>
/// One saved setting. Secrets go to <see cref="ValueEncrypted"/> (Data Protection ciphertext), everything else
/// to <see cref="Value"/>; a row never holds both.
/// </summary>
public sealed class AppSetting
{
    public required string Key { get; set; }
    public string? Value { get; set; }
    public string? ValueEncrypted { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When the key was last checked against its provider, and whether that worked.</summary>
    public DateTimeOffset? ValidatedAt { get; set; }
    public bool? ValidationOk { get; set; }
}

internal sealed class AppSettingConfiguration : IEntityTypeConfiguration<AppSetting>
{
    public void Configure(EntityTypeBuilder<AppSetting> builder)
    {
        builder.ToTable("app_settings");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(100);
    }
}
