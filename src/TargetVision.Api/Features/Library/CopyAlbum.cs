using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TargetVision.Api.Features.Library;

/// <summary>
/// A SmugMug album the app filled with images collected from other albums (a published collection). SmugMug lists a
/// collected image in both albums under one ImageKey, and sync keys photos by ImageKey: without this mark, syncing
/// the copy would take the photo away from its home album. A photo that still lives in another album stays there.
/// </summary>
public sealed class CopyAlbum
{
    public required string AlbumKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class CopyAlbumConfiguration : IEntityTypeConfiguration<CopyAlbum>
{
    public void Configure(EntityTypeBuilder<CopyAlbum> builder)
    {
        builder.ToTable("copy_albums");
        builder.HasKey(a => a.AlbumKey);
        builder.Property(a => a.AlbumKey).HasMaxLength(50);
    }
}
