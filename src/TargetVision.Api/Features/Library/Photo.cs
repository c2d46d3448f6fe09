using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TargetVision.Api.Features.Library;

/// <summary>
/// Where a photo is in the AI pipeline, as the API and events spell it (snake_case). Stored photos get it from
/// <see cref="Photo.Status"/>; <see cref="NotSynced"/> only appears in live SmugMug listings.
/// </summary>
public enum PhotoStatus { NotProcessed, Queued, Processing, Completed, Failed, NotSynced }

/// <summary>The state of a photo's describe job, if it has one that is waiting, running or gave up.</summary>
public enum PhotoWorkState { Queued, Processing, Failed }

/// <summary>
/// A synced SmugMug photo: metadata and URLs, never the image bytes. Keyed by ImageKey so a photo moved to another
/// album keeps its row — and with it its AI metadata, embeddings and collection memberships.
/// </summary>
public sealed class Photo
{
    public int Id { get; set; }
    public required string ImageKey { get; set; }
    public int AlbumId { get; set; }
    public Album? Album { get; set; }

    public int Serial { get; set; }
    public string? FileName { get; set; }
    public string? Title { get; set; }
    public string? Caption { get; set; }
    public List<string> Keywords { get; set; } = [];

    /// <summary>EXIF DateTimeOriginal, or the upload date when the photo has none.</summary>
    public DateTimeOffset? CapturedAt { get; set; }
    public bool CapturedAtIsUploadDate { get; set; }
    public DateTimeOffset? UploadedAt { get; set; }

    /// <summary>SmugMug's LastUpdated: changes whenever a property changes, so sync skips unchanged photos.</summary>
    public DateTimeOffset? LastUpdated { get; set; }

    public int? Width { get; set; }
    public int? Height { get; set; }
    public string? Format { get; set; }
    public long? SizeBytes { get; set; }
    public string? ArchivedMd5 { get; set; }
    public string? WebUri { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public bool IsVideo { get; set; }
    public bool Hidden { get; set; }

    /// <summary>ImageSizeDetails.ImageUrlTemplate (with #size#) and the usable size codes, for thumbnails/originals.</summary>
    public string? SizeUrlTemplate { get; set; }
    public List<string> UsableSizes { get; set; } = [];
    public string? ThumbnailUrl { get; set; }

    /// <summary>The photo's current description (its newest version), or null when it has none.</summary>
    public long? CurrentAiVersionId { get; set; }

    /// <summary>Written only by <see cref="PhotoStates"/>, in the transaction of the job transition that causes it.</summary>
    public PhotoWorkState? WorkState { get; set; }

    /// <summary>
    /// Derived by the database from <see cref="WorkState"/> and <see cref="CurrentAiVersionId"/> (a stored generated
    /// column, so it is indexed and can never disagree with them); read-only here.
    /// </summary>
    public PhotoStatus Status { get; private set; }

    public string? StatusError { get; set; }
    public DateTimeOffset? StatusChangedAt { get; set; }

    public DateTimeOffset SyncedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when the photo disappeared from SmugMug (kept so its AI work is not lost if it comes back).</summary>
    public DateTimeOffset? DeletedAt { get; set; }
}

internal sealed class PhotoConfiguration : IEntityTypeConfiguration<Photo>
{
    /// <summary>The one definition of a stored photo's status: its job's state wins, then whether it has a description.</summary>
    public const string StatusSql =
        "CASE WHEN work_state IS NOT NULL THEN work_state WHEN current_ai_version_id IS NOT NULL THEN 'Completed' ELSE 'NotProcessed' END";

    public void Configure(EntityTypeBuilder<Photo> builder)
    {
        builder.ToTable("photos");
        builder.HasIndex(p => p.ImageKey).IsUnique();
        builder.HasIndex(p => new { p.AlbumId, p.DeletedAt });
        builder.HasIndex(p => p.Status);
        builder.HasIndex(p => p.CapturedAt);
        builder.Property(p => p.ImageKey).HasMaxLength(50);
        builder.Property(p => p.WorkState).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20)
            .HasComputedColumnSql(StatusSql, stored: true);
        builder.Property(p => p.Format).HasMaxLength(20);
        builder.Property(p => p.ArchivedMd5).HasMaxLength(64);
        builder.HasOne(p => p.Album).WithMany().HasForeignKey(p => p.AlbumId).OnDelete(DeleteBehavior.Cascade);
    }
}
