using System.Collections.Concurrent;
using TargetVision.Api.Infrastructure.Jobs;

namespace TargetVision.Tests.Jobs;

/// <summary>What a probe job should do, carried in its payload.</summary>
public sealed record ProbePayload(string Name, int FailTimes = 0, bool Permanent = false, int DelayMs = 0, bool BlockUntilCancelled = false);

/// <summary>Records every call so tests can prove "exactly once", retries and cancellation.</summary>
public sealed class ProbeLog
{
    public ConcurrentQueue<(string Name, int Attempt, string Worker, DateTimeOffset At)> Calls { get; } = new();
    public ConcurrentDictionary<string, int> Cancelled { get; } = new();
    public int Running;

    public int CallsFor(string name) => Calls.Count(c => c.Name == name);
}

public sealed class ProbeJobHandler(ProbeLog log, JobWorker worker) : IJobHandler
{
    public const string Kind = "test.probe";

    public async Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        var payload = context.PayloadAs<ProbePayload>();
        log.Calls.Enqueue((payload.Name, context.Attempt, worker.WorkerId, DateTimeOffset.UtcNow));
        Interlocked.Increment(ref log.Running);
        try
        {
            if (payload.BlockUntilCancelled)
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    log.Cancelled[payload.Name] = 1;
                    throw;
                }
            }
            if (payload.DelayMs > 0)
            {
                await Task.Delay(payload.DelayMs, cancellationToken);
            }
            if (payload.Permanent)
            {
                throw new PermanentJobException($"{payload.Name} can never work");
            }
            if (context.Attempt <= payload.FailTimes)
            {
                throw new RetryLaterException($"{payload.Name} transient failure {context.Attempt}", TimeSpan.FromMilliseconds(50));
            }
            return new JobResult(new { payload.Name }, 0.01m);
        }
        finally
        {
            Interlocked.Decrement(ref log.Running);
        }
    }
}
