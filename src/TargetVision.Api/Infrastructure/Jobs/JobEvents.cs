using TargetVision.Api.Infrastructure.Events;

namespace TargetVision.Api.Infrastructure.Jobs;

/// <summary>New or re-queued work of a kind: wakes idle workers on every replica at once.</summary>
public sealed record JobsAvailable(string Kind) : IEvent
{
    public static string Type => "jobs.available";
}

/// <summary>A batch was cancelled: every replica cancels the tokens of that batch's running jobs.</summary>
public sealed record BatchCancelled(Guid BatchId) : IEvent
{
    public static string Type => "batch.cancelled";
}
