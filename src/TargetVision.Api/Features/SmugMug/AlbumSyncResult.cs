using TargetVision.Api.Infrastructure.Events;

namespace TargetVision.Api.Features.SmugMug;

/// <summary>What one album sync changed (also the payload of the <c>sync.album</c> event).</summary>
public sealed record AlbumSyncResult(string AlbumKey, int Added, int Updated, int Removed, int Requests) : IEvent
{
    public static string Type => "sync.album";
}
