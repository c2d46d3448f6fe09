using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TargetVision.Api.Features.SmugMug;

/// <summary>
/// The one connected SmugMug account (one owner, one account: the row id is always 1). The access token pair is
/// Data Protection ciphertext; SmugMug access tokens never expire, so they are as sensitive as a password.
/// </summary>
public sealed class SmugMugAccount
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public required string NickName { get; set; }
    public string? Name { get; set; }
    public string? WebUri { get; set; }
    public required string RootNodeId { get; set; }
    public required string AccessTokenEncrypted { get; set; }
    public required string AccessTokenSecretEncrypted { get; set; }

    /// <summary>What was requested on the authorise page (SmugMug does not echo the granted level).</summary>
    public required string Access { get; set; }
    public required string Permissions { get; set; }
    public DateTimeOffset ConnectedAt { get; set; }

    /// <summary>
    /// When SmugMug last refused this token (401: revoked or expired). Stored, not kept per replica, so every replica
    /// and the account view agree that the connection is dead until the owner reconnects.
    /// </summary>
    public DateTimeOffset? AuthFailedAt { get; set; }
    public string? AuthFailure { get; set; }

    /// <summary>The permission level that lets the app write to SmugMug (create albums, write captions back).</summary>
    public const string ModifyPermission = "Modify";

    /// <summary>
    /// The one check every SmugMug write uses: the stored <see cref="Permissions"/> is the source of truth, and a
    /// connection whose token SmugMug refused can write nothing.
    /// </summary>
    public bool CanModify => AuthFailedAt is null && string.Equals(Permissions, ModifyPermission, StringComparison.OrdinalIgnoreCase);
}

internal sealed class SmugMugAccountConfiguration : IEntityTypeConfiguration<SmugMugAccount>
{
    public void Configure(EntityTypeBuilder<SmugMugAccount> builder)
    {
        builder.ToTable("smugmug_accounts");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.NickName).HasMaxLength(100);
        builder.Property(a => a.RootNodeId).HasMaxLength(50);
        builder.Property(a => a.Access).HasMaxLength(20);
        builder.Property(a => a.Permissions).HasMaxLength(20);
        builder.Property(a => a.AuthFailure).HasMaxLength(500);
        builder.Ignore(a => a.CanModify);
    }
}
