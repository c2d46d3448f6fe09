using TargetVision.Api.Features.Library;
using TargetVision.Api.Infrastructure.Jobs;

namespace TargetVision.Api.Features.Processing;

/// <summary>
/// Keeps a photo's work state in step with its describe job, in the transaction of each job transition: claimed →
/// processing, retried or handed back → queued, failed → failed with the reason, done or cancelled → none (the
/// status then comes from whether the photo has a description).
/// </summary>
public sealed class DescribeJobObserver(PhotoStates states) : IJobTransitionObserver
{
    public async Task OnTransitionsAsync(IReadOnlyList<JobTransition> transitions, CancellationToken ct)
    {
        var byOutcome = transitions.GroupBy(t => (State: WorkState(t.To), Error: t.To == JobStatus.Queued && t.Error is { } e ? $"Retrying: {e}" : t.To == JobStatus.Failed ? t.Error : null));
        foreach (var group in byOutcome)
        {
            var photoIds = group.Select(t => t.PayloadAs<DescribeJobPayload>().PhotoId).Distinct().ToList();
            await states.SetWorkAsync(photoIds, group.Key.State, group.Key.Error, ct);
        }
    }

    private static PhotoWorkState? WorkState(JobStatus status) => status switch
    {
        JobStatus.Queued => PhotoWorkState.Queued,
        JobStatus.Running => PhotoWorkState.Processing,
        JobStatus.Failed => PhotoWorkState.Failed,
        _ => null,
    };
}
