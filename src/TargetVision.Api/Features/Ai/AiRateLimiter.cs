using Microsoft.Extensions.Options;
using Npgsql;

namespace TargetVision.Api.Features.Ai;

/// <summary>
/// Paces calls to each provider at its requests-per-minute limit across every replica. Each call reserves the next
/// free slot in one row per provider (<c>ai_rate_limits</c>), slots 60/N s apart, then waits for its slot: the row
/// lock serialises reservations, so N replicas together send at most the configured rate. Even spacing rather than
/// a burst of N, because a provider's sliding one-minute window answers a burst with a minute of 429s. Times come
/// from the database clock, so replicas with skewed clocks still agree.
/// </summary>
public sealed class AiRateLimiter(NpgsqlDataSource dataSource, IOptions<AiOptions> options, TimeProvider clock)
{
    /// <summary>Waits for the provider's next slot; a cancelled wait gives up its place (the slot goes unused).</summary>
    public async Task WaitAsync(string provider, CancellationToken cancellationToken)
    {
        var (_, wait) = await ReserveAsync(provider, cancellationToken);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock, cancellationToken);
        }
    }

    /// <summary>Reserves the next slot: when it starts (database clock) and how long until then.</summary>
    internal async Task<(DateTimeOffset Slot, TimeSpan Wait)> ReserveAsync(string provider, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromMinutes(1.0 / Math.Max(1, options.Value.RequestsPerMinuteFor(provider)));
        await using var command = dataSource.CreateCommand("""
            INSERT INTO ai_rate_limits AS r (provider, next_slot) VALUES (@provider, clock_timestamp() + @interval)
            ON CONFLICT (provider) DO UPDATE SET next_slot = greatest(r.next_slot, clock_timestamp()) + @interval
            RETURNING r.next_slot - @interval, clock_timestamp()
            """);
        command.Parameters.AddWithValue("provider", provider);
        command.Parameters.AddWithValue("interval", interval);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var slot = reader.GetFieldValue<DateTimeOffset>(0);
        var wait = slot - reader.GetFieldValue<DateTimeOffset>(1);
        return (slot, wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
    }
}
