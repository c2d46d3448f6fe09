using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pgvector;
using TargetVision.Api.Features.Library;

namespace TargetVision.Api.Features.Processing;

/// <summary>
/// The text embedding of a photo's current AI description (one row per photo and model), for semantic search.
/// The model id is stored so a model change can be detected and re-embedded rather than compared across spaces.
/// </summary>
public sealed class PhotoTextEmbedding
{
    public int PhotoId { get; set; }
    public required string Model { get; set; }

    /// <summary>The description version that was embedded; an older one is replaced, a newer one never overwritten.</summary>
    public int AiVersion { get; set; }
    public required Vector Embedding { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class PhotoTextEmbeddingConfiguration : IEntityTypeConfiguration<PhotoTextEmbedding>
{
    public void Configure(EntityTypeBuilder<PhotoTextEmbedding> builder)
    {
        builder.ToTable("photo_text_embeddings");
        builder.HasKey(e => new { e.PhotoId, e.Model });
        builder.Property(e => e.Model).HasMaxLength(100);
        builder.Property(e => e.Embedding).HasColumnType("vector(384)");
        // Graph build quality: docs/performance.md "Search" and migration VectorIndexesAtScale.
        builder.HasIndex(e => e.Embedding).HasMethod("hnsw").HasOperators("vector_cosine_ops")
            .HasStorageParameter("m", 24).HasStorageParameter("ef_construction", 400);
        builder.HasOne<Photo>().WithMany().HasForeignKey(e => e.PhotoId).OnDelete(DeleteBehavior.Cascade);
    }
}
