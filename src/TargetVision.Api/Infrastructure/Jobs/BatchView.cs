using TargetVision.Api.Infrastructure.Events;

namespace TargetVision.Api.Infrastructure.Jobs;

/// <summary>What the UI shows of a batch: counts, cost and an ETA from the rate so far (also the batch.progress event).</summary>
public sealed record BatchView(
    Guid Id, string Kind, string Title, string Status, int Total, int Done, int Failed, int Cancelled,
    int Remaining, double Percent, decimal CostUsd, int? EtaSeconds, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt) : IEvent
{
    public static string Type => "batch.progress";

    public static BatchView From(JobBatch b, DateTimeOffset now)
    {
        var processed = b.Done + b.Failed + b.Cancelled;
        var remaining = Math.Max(0, b.Total - processed);
        int? eta = null;
        if (b.Status == BatchStatus.Running && processed > 0 && remaining > 0)
        {
            var perItem = (now - b.CreatedAt).TotalSeconds / processed;
            eta = (int)Math.Ceiling(perItem * remaining);
        }
        var percent = b.Total == 0 ? 100 : Math.Round(100.0 * processed / b.Total, 1);
        return new BatchView(b.Id, b.Kind, b.Title, b.Status.ToString().ToLowerInvariant(), b.Total, b.Done, b.Failed, b.Cancelled,
            remaining, percent, b.CostUsd, eta, b.CreatedAt, b.FinishedAt);
    }
}
