using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pgvector;
using TargetVision.Api.Features.Library;

namespace TargetVision.Api.Features.Visual;

/// <summary>
/// A photo's image embedding in one model's space (one row per photo and model). The model id says which space; the
/// source stamp (the photo's MD5 and serial, both of which SmugMug changes when a file is replaced) says which
/// pixels, so a replaced photo is embedded again while a title edit is not.
/// </summary>
public sealed class ImageEmbedding
{
    public int PhotoId { get; set; }
    public required string Model { get; set; }
    public required string SourceStamp { get; set; }
    public required Vector Embedding { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The SQL expression of a photo's current stamp (alias p), compared with <see cref="SourceStamp"/>.</summary>
    public const string StampSql = "coalesce(p.archived_md5, '') || ':' || p.serial";

    public static string StampOf(Photo photo) => $"{photo.ArchivedMd5}:{photo.Serial}";
}

/// <summary>A pair of photos the owner said are not duplicates (lower id first); remembered across runs.</summary>
public sealed class DuplicateDismissal
{
    public int PhotoA { get; set; }
    public int PhotoB { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class ImageEmbeddingConfiguration : IEntityTypeConfiguration<ImageEmbedding>
{
    public void Configure(EntityTypeBuilder<ImageEmbedding> builder)
    {
        builder.ToTable("image_embeddings");
        builder.HasKey(e => new { e.PhotoId, e.Model });
        builder.Property(e => e.Model).HasMaxLength(100);
        builder.Property(e => e.SourceStamp).HasMaxLength(80);
        builder.Property(e => e.Embedding).HasColumnType($"vector({VisualModel.StoredDimension})");
        // Graph build quality: docs/performance.md "Search" and migration VectorIndexesAtScale.
        builder.HasIndex(e => e.Embedding).HasMethod("hnsw").HasOperators("vector_cosine_ops")
            .HasStorageParameter("m", 24).HasStorageParameter("ef_construction", 400);
        builder.HasIndex(e => e.Model);
        builder.HasOne<Photo>().WithMany().HasForeignKey(e => e.PhotoId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DuplicateDismissalConfiguration : IEntityTypeConfiguration<DuplicateDismissal>
{
    public void Configure(EntityTypeBuilder<DuplicateDismissal> builder)
    {
        builder.ToTable("duplicate_dismissals", t => t.HasCheckConstraint("ck_duplicate_dismissals_order", "photo_a < photo_b"));
        builder.HasKey(d => new { d.PhotoA, d.PhotoB });
        builder.HasOne<Photo>().WithMany().HasForeignKey(d => d.PhotoA).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Photo>().WithMany().HasForeignKey(d => d.PhotoB).OnDelete(DeleteBehavior.Cascade);
    }
}
