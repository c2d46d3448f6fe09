using TargetVision.Api.Infrastructure.Jobs;

namespace TargetVision.Api.Features.Library;

/// <summary>
/// A photo's pixels could not be had from its source. <see cref="IsTransient"/> separates what a later try can fix
/// (rate limits, outages) from what it cannot (refused URL, missing photo, revoked access), so a job retries or fails
/// and an endpoint answers 503 or 422 without knowing where the pixels come from.
/// </summary>
public sealed class PhotoImageUnavailableException(string message, bool isTransient, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public bool IsTransient { get; } = isTransient;
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>The queue's decision for a job that needed the pixels: retry later, or fail now.</summary>
    public Exception ForQueue() => IsTransient ? new RetryLaterException(Message, RetryAfter, this) : new PermanentJobException(Message, this);
}
