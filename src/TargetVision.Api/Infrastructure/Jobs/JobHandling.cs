using System.Text.Json;

namespace TargetVision.Api.Infrastructure.Jobs;

/// <summary>Runs one kind of job. Handlers must be idempotent: a job may run again after a crash or lease expiry.</summary>
public interface IJobHandler
{
    Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken);
}

/// <summary>
/// A job kind some handler is registered for, with the concurrency that suits it when configuration says nothing
/// (I/O-light sync jobs can run many at once; provider calls are kept to a few).
/// </summary>
public sealed record JobKind(string Name, int? DefaultConcurrency = null);

public sealed record JobContext(long JobId, Guid? BatchId, string Kind, JsonElement Payload, int Attempt)
{
    public T PayloadAs<T>() => Payload.Deserialize<T>(JsonSerializerOptions.Web)
        ?? throw new PermanentJobException($"Job {JobId} has an empty payload.");
}

/// <summary>What a finished job leaves behind: an optional small result and what it cost.</summary>
public sealed record JobResult(object? Result = null, decimal CostUsd = 0)
{
    public static readonly JobResult Empty = new();
}

/// <summary>A failure worth retrying later (429, 5xx, timeouts); <see cref="RetryAfter"/> honours the server's hint.</summary>
public sealed class RetryLaterException(string message, TimeSpan? retryAfter = null, Exception? inner = null) : Exception(message, inner)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>A failure that no retry can fix (bad key, invalid input): the job fails at once with this message.</summary>
public sealed class PermanentJobException(string message, Exception? inner = null) : Exception(message, inner);

public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>Jobs of one kind this replica runs at once, unless the kind has its own limit.</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>Per-kind limits, e.g. Jobs:KindConcurrency:ai.describe = 4, Jobs:KindConcurrency:smugmug.sync-album = 16.</summary>
    public Dictionary<string, int> KindConcurrency { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How long a claim lasts without a heartbeat; a crashed replica's jobs return to the queue after it.</summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>Fallback poll interval; new work normally wakes the worker through NOTIFY.</summary>
    public double PollSeconds { get; set; } = 2;

    public int MaxAttempts { get; set; } = 5;

    /// <summary>First retry delay; doubles per attempt, with jitter, capped at 5 minutes.</summary>
    public double RetryBaseSeconds { get; set; } = 2;

    /// <summary>Pushed events are kept this long for Last-Event-ID replays.</summary>
    public int EventRetentionHours { get; set; } = 24;

    /// <summary>Run the worker in this process (turn off for API-only replicas).</summary>
    public bool WorkerEnabled { get; set; } = true;
}

/// <summary>
/// The job cannot run now for a reason outside it (its batch was just paused, e.g. by a spending cap): it goes back
/// to the queue without counting the attempt, and the paused batch keeps it there until resumed.
/// </summary>
public sealed class JobHandBackException(string message) : Exception(message);
