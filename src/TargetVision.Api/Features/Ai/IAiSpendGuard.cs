namespace TargetVision.Api.Features.Ai;

/// <summary>Spend this month against the owner's monthly cap (null when there is none).</summary>
public sealed record AiSpendStatus(decimal SpentThisMonthUsd, decimal? MonthlyCapUsd)
{
    public decimal? RemainingUsd => MonthlyCapUsd is { } cap ? Math.Max(0, cap - SpentThisMonthUsd) : null;
}

/// <summary>
/// The budget a batch's paid calls are held to. Describe jobs ask right before each paid call; the implementation
/// (Autopilot) pauses a capped batch and answers false, and the job goes back to the queue unpaid.
/// </summary>
public interface IAiSpendGuard
{
    Task<AiSpendStatus> GetStatusAsync(CancellationToken ct);

    /// <summary>False when the batch has reached its cap (it has been paused with the reason).</summary>
    Task<bool> MayCallAsync(Guid? batchId, CancellationToken ct);
}
