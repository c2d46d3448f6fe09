namespace TargetVision.Api.Integrations.SmugMug;

/// <summary>How SmugMug's API last answered, as far as this replica knows.</summary>
public enum SmugMugReachabilityState { Reachable, Unreachable, Rejected, NotConfigured }

/// <summary>One observation: what happened, why (for the owner) and when.</summary>
public sealed record SmugMugObservation(SmugMugReachabilityState State, string? Message, DateTimeOffset At);

/// <summary>
/// The outcome of the latest SmugMug API call on this replica, so the header badge can say "connected" only while
/// SmugMug actually answers. Kept in memory on purpose: it is an observation that goes stale in minutes, not state
/// worth a database write per request; another replica simply makes its own observations.
/// </summary>
public sealed class SmugMugReachability(TimeProvider clock)
{
    private SmugMugObservation? last;

    public SmugMugObservation? Last => Volatile.Read(ref last);

    public void RecordSuccess() => Volatile.Write(ref last, new SmugMugObservation(SmugMugReachabilityState.Reachable, null, clock.GetUtcNow()));

    /// <summary>Records a failed call; a 404 or a malformed answer still means SmugMug answered, so they count as reachable.</summary>
    public void RecordFailure(SmugMugApiException e)
    {
        var state = StateOf(e.Kind);
        Volatile.Write(ref last, new SmugMugObservation(state, state == SmugMugReachabilityState.Reachable ? null : e.Message, clock.GetUtcNow()));
    }

    /// <summary>SmugMug gave no answer in the time a screen may wait for it.</summary>
    public void RecordTimeout(string message) =>
        Volatile.Write(ref last, new SmugMugObservation(SmugMugReachabilityState.Unreachable, message, clock.GetUtcNow()));

    public static SmugMugReachabilityState StateOf(SmugMugErrorKind kind) => kind switch
    {
        SmugMugErrorKind.NotConnected => SmugMugReachabilityState.NotConfigured,
        SmugMugErrorKind.Unauthorized or SmugMugErrorKind.PermissionTooLow => SmugMugReachabilityState.Rejected,
        SmugMugErrorKind.Unavailable => SmugMugReachabilityState.Unreachable,
        _ => SmugMugReachabilityState.Reachable,
    };
}
