using TargetVision.Api.Infrastructure.Events;

namespace TargetVision.Api.Features.Library;

/// <summary>The photo.status event: one per change of a photo's status, so badges update without polling.</summary>
public sealed record PhotoStatusEvent(int PhotoId, string ImageKey, PhotoStatus Status, string? Error) : IEvent
{
    public static string Type => "photo.status";
}
