using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TargetVision.Api.Features.Library;

namespace TargetVision.Api.Features.Collections;

/// <summary>How a collection's photos are ordered; <see cref="Manual"/> follows the stored positions.</summary>
public enum CollectionOrder { Added, Captured, Title, Manual }

/// <summary>
/// A named pick of photos from anywhere in the library. The name is unique ignoring case (a unique index on
/// <c>lower(name)</c>); the cover must be a member (a composite foreign key that sets it to null when the member
/// leaves, so removing the cover is never a foreign-key error and the cover falls back to the first photo).
/// </summary>
public sealed class Collection
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }

    /// <summary>The chosen cover; null (or a photo removed on SmugMug) means "the first photo".</summary>
    public int? CoverPhotoId { get; set; }

    public CollectionOrder OrderMode { get; set; }

    /// <summary>The SmugMug album the collection was published to (kept so publishing again resumes, not duplicates).</summary>
    public string? SmugMugAlbumKey { get; set; }
    public string? SmugMugAlbumUri { get; set; }
    public string? SmugMugWebUri { get; set; }
    public string? SmugMugFolderNodeId { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public Guid? PublishBatchId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Last change to the collection or its membership (the list shows it).</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A photo in a collection. Photos removed on SmugMug keep their row (and stay listed as removed).</summary>
public sealed class CollectionMember
{
    public int CollectionId { get; set; }
    public int PhotoId { get; set; }
    public Photo? Photo { get; set; }

    /// <summary>Manual order; new photos go to the end.</summary>
    public int Position { get; set; }
    public DateTimeOffset AddedAt { get; set; }

    /// <summary>The SmugMug album this photo was collected into by a publish, so a resumed publish skips it.</summary>
    public string? CollectedAlbumKey { get; set; }
}

internal sealed class CollectionConfiguration : IEntityTypeConfiguration<Collection>
{
    public void Configure(EntityTypeBuilder<Collection> builder)
    {
        builder.ToTable("collections");
        builder.Property(c => c.Name).HasMaxLength(CollectionRules.MaxNameLength);
        builder.Property(c => c.Description).HasMaxLength(CollectionRules.MaxDescriptionLength);
        builder.Property(c => c.OrderMode).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.SmugMugAlbumKey).HasMaxLength(50);
        builder.Property(c => c.SmugMugAlbumUri).HasMaxLength(300);
        builder.Property(c => c.SmugMugWebUri).HasMaxLength(1000);
        builder.Property(c => c.SmugMugFolderNodeId).HasMaxLength(50);
        // The case-insensitive unique name and the cover → member key live in the migration (expression index,
        // ON DELETE SET NULL of one column of a composite key), which EF's model cannot express.
    }
}

internal sealed class CollectionMemberConfiguration : IEntityTypeConfiguration<CollectionMember>
{
    public void Configure(EntityTypeBuilder<CollectionMember> builder)
    {
        builder.ToTable("collection_members");
        builder.HasKey(m => new { m.CollectionId, m.PhotoId });
        builder.HasOne<Collection>().WithMany().HasForeignKey(m => m.CollectionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Photo).WithMany().HasForeignKey(m => m.PhotoId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.PhotoId);
        builder.HasIndex(m => new { m.CollectionId, m.Position });
        builder.Property(m => m.CollectedAlbumKey).HasMaxLength(50);
    }
}
