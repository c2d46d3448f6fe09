using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TargetVision.Api.Features.Library;

/// <summary>
/// A SmugMug folder as last seen while browsing or syncing. Albums only know their parent folder, so these rows are
/// what lets the library show synced albums in their place in the tree when SmugMug cannot be asked.
/// </summary>
public sealed class Folder
{
    /// <summary>SmugMug's NodeID of the folder.</summary>
    public required string NodeId { get; set; }

    /// <summary>Null for the account's root folder.</summary>
    public string? ParentNodeId { get; set; }

    /// <summary>"" for the root folder, as SmugMug names it.</summary>
    public required string Name { get; set; }

    public DateTimeOffset SeenAt { get; set; }
}

internal sealed class FolderConfiguration : IEntityTypeConfiguration<Folder>
{
    public void Configure(EntityTypeBuilder<Folder> builder)
    {
        builder.ToTable("folders");
        builder.HasKey(f => f.NodeId);
        builder.HasIndex(f => f.ParentNodeId);
        builder.Property(f => f.NodeId).HasMaxLength(50);
        builder.Property(f => f.ParentNodeId).HasMaxLength(50);
    }
}
