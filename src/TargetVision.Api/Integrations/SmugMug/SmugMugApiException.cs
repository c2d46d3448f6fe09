namespace TargetVision.Api.Integrations.SmugMug;

public enum SmugMugErrorKind { NotConnected, Unauthorized, PermissionTooLow, NotFound, RateLimited, Unavailable, BadResponse }

/// <summary>
/// A SmugMug failure the caller can act on: the kind decides the HTTP answer and whether a job retries, the message
/// is what the owner sees.
/// </summary>
public sealed class SmugMugApiException(SmugMugErrorKind kind, string message, int? statusCode = null, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public SmugMugErrorKind Kind { get; } = kind;
    public int? StatusCode { get; } = statusCode;
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public bool IsTransient => Kind is SmugMugErrorKind.RateLimited or SmugMugErrorKind.Unavailable;

    public static SmugMugApiException FromStatus(int status, string? smugMugMessage, TimeSpan? retryAfter = null) => status switch
    {
        401 => new(SmugMugErrorKind.Unauthorized, "Reconnect SmugMug: the connection was revoked or has expired.", status),
        403 => new(SmugMugErrorKind.PermissionTooLow, "Permission too low: reconnect with Full access and Modify permission.", status),
        404 => new(SmugMugErrorKind.NotFound, "Not found on SmugMug (deleted, or not visible to this account).", status),
        429 => new(SmugMugErrorKind.RateLimited, "SmugMug is rate limiting requests; try again shortly.", status, retryAfter),
        >= 500 => new(SmugMugErrorKind.Unavailable, $"SmugMug is unavailable ({status}).", status, retryAfter),
        _ => new(SmugMugErrorKind.BadResponse, $"SmugMug answered {status}: {smugMugMessage}", status),
    };
}
