using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TargetVision.Api.Infrastructure.Events;

/// <summary>
/// A pushed event, kept for a while so a browser that reconnects with Last-Event-ID gets what it missed — including
/// the final state of a batch that finished while it was away.
/// </summary>
public sealed class AppEvent
{
    public long Id { get; set; }
    public required string Type { get; set; }
    public required JsonDocument Data { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class AppEventConfiguration : IEntityTypeConfiguration<AppEvent>
{
    public void Configure(EntityTypeBuilder<AppEvent> builder)
    {
        builder.ToTable("events");
        builder.Property(e => e.Type).HasMaxLength(50);
        builder.HasIndex(e => e.CreatedAt);
    }
}
