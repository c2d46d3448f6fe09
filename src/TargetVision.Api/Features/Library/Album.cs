using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TargetVision.Api.Features.Library;

/// <summary>A SmugMug album that has been synced (its photos are copied into the database).</summary>
public sealed class Album
{
    public int Id { get; set; }

    /// <summary>SmugMug's AlbumKey; the identity used by sync (NodeID is a different key).</summary>
    public required string AlbumKey { get; set; }

    public string? NodeId { get; set; }
    public string? ParentNodeId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public List<string> Keywords { get; set; } = [];
    public string? UrlPath { get; set; }
    public string? WebUri { get; set; }

    /// <summary>Folder names from the root to the album's parent, e.g. "Travel / Vermont" ("" at the root).</summary>
    public string FolderPath { get; set; } = "";

    public string? Privacy { get; set; }
    public int ImageCount { get; set; }
    public DateTimeOffset? LastUpdated { get; set; }
    public DateTimeOffset? ImagesLastUpdated { get; set; }
    public DateTimeOffset? SyncedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when the album disappeared from SmugMug; its photos are marked deleted too.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
}

internal sealed class AlbumConfiguration : IEntityTypeConfiguration<Album>
{
    public void Configure(EntityTypeBuilder<Album> builder)
    {
        builder.ToTable("albums");
        builder.HasIndex(a => a.AlbumKey).IsUnique();
        builder.HasIndex(a => a.NodeId);
        builder.HasIndex(a => a.ParentNodeId);
        builder.Property(a => a.AlbumKey).HasMaxLength(50);
        builder.Property(a => a.NodeId).HasMaxLength(50);
        builder.Property(a => a.ParentNodeId).HasMaxLength(50);
    }
}
