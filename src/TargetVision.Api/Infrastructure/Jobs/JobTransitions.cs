using System.Text.Json;
using Npgsql;

namespace TargetVision.Api.Infrastructure.Jobs;

/// <summary>A job moving to <see cref="To"/> (Queued with an error means "will be retried").</summary>
public sealed record JobTransition(long JobId, Guid? BatchId, JsonElement Payload, JobStatus To, string? Error)
{
    public T PayloadAs<T>() => Payload.Deserialize<T>(JsonSerializerOptions.Web)
        ?? throw new PermanentJobException($"Job {JobId} has an empty payload.");
}

/// <summary>
/// Told about every state change of one job kind (claimed, retried, released, finished, cancelled, re-queued),
/// inside the transaction that makes the change — so state a feature keeps about a job's subject (a photo's
/// status) is written together with the job row or not at all. Runs in the scope whose AppDbContext holds that
/// transaction.
/// </summary>
public interface IJobTransitionObserver
{
    Task OnTransitionsAsync(IReadOnlyList<JobTransition> transitions, CancellationToken ct);
}

/// <summary>
/// Declares that a successful job of kind <see cref="After"/> is followed by a job of kind <see cref="Then"/>
/// (describe → embed text); the follow-up is queued in the transaction that records the success.
/// <see cref="Create"/> gets the finished job's payload and result and may return null (nothing to follow).
/// </summary>
public sealed record JobFollowUp(string After, string Then, Func<JsonElement, JsonElement?, NewJob?> Create);

/// <summary>Hands job state changes to the observers registered for their kind.</summary>
public sealed class JobTransitions(IServiceProvider services)
{
    /// <summary>The columns a transition statement must return, in this order.</summary>
    public const string Returning = "RETURNING id, batch_id, kind, payload::text, status, last_error";

    public async Task NotifyAsync(string kind, IReadOnlyList<JobTransition> transitions, CancellationToken ct)
    {
        if (transitions.Count == 0)
        {
            return;
        }
        foreach (var observer in services.GetKeyedServices<IJobTransitionObserver>(kind))
        {
            await observer.OnTransitionsAsync(transitions, ct);
        }
    }

    /// <summary>Runs a statement ending in <see cref="Returning"/> and notifies the observers of every kind it touched.</summary>
    public async Task<int> RunAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var rows = new List<(string Kind, JobTransition Transition)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                using var payload = JsonDocument.Parse(reader.GetString(3));
                rows.Add((reader.GetString(2), new JobTransition(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetGuid(1),
                    payload.RootElement.Clone(), Enum.Parse<JobStatus>(reader.GetString(4)), reader.IsDBNull(5) ? null : reader.GetString(5))));
            }
        }
        foreach (var group in rows.GroupBy(r => r.Kind))
        {
            await NotifyAsync(group.Key, [.. group.Select(g => g.Transition)], ct);
        }
        return rows.Count;
    }
}
