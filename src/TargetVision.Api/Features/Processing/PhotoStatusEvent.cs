namespace TargetVision.Api.Features.Processing;

/// <summary>The photo.status event: pushed on every status change so badges update without polling.</summary>
public sealed record PhotoStatusEvent(int PhotoId, string ImageKey, string Status, string? Error)
{
    public const string Type = "photo.status";
}
