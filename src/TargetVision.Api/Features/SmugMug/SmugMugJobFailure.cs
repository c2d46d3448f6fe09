using TargetVision.Api.Infrastructure.Jobs;
using TargetVision.Api.Integrations.SmugMug;

namespace TargetVision.Api.Features.SmugMug;

/// <summary>
/// The one translation of SmugMug failures into the queue's decisions, for every job that talks to SmugMug: rate
/// limits and outages are retried later; not connected, a revoked token, too low a permission, a missing object or a
/// refused image URL fail at once — no retry can fix them.
/// </summary>
public static class SmugMugJobFailure
{
    /// <summary>The queue exception for <paramref name="error"/>, or null when it is not a SmugMug failure.</summary>
    public static Exception? From(Exception error) => error switch
    {
        SmugMugApiException { IsTransient: true } e => new RetryLaterException("SmugMug: " + e.Message, e.RetryAfter, e),
        SmugMugApiException e => new PermanentJobException("SmugMug: " + e.Message, e),
        ImageUrlRefusedException e => new PermanentJobException($"Image URL refused ({e.Reason}); check SmugMug:AllowedImageHosts.", e),
        _ => null,
    };
}
