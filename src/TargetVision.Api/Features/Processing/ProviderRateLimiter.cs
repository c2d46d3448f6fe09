using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace TargetVision.Api.Features.Processing;

/// <summary>
/// Paces calls to each provider at its requests-per-minute limit. A token bucket that holds a single token spaces
/// requests evenly (60/N s apart): a full bucket would allow a burst of N that a provider's sliding one-minute
/// window then answers with a minute of 429s. Per replica: with several replicas, 429s with retry-after still
/// keep the total in line, and the limit can be divided between them.
/// </summary>
public sealed class ProviderRateLimiter : IAsyncDisposable
{
    private readonly Dictionary<string, RateLimiter> limiters;

    public ProviderRateLimiter(IOptions<AiProcessingOptions> options)
    {
        var o = options.Value;
        limiters = new Dictionary<string, RateLimiter>(StringComparer.Ordinal)
        {
            ["anthropic"] = Create(o.RequestsPerMinute),
            ["openai"] = Create(o.OpenAiRequestsPerMinute ?? o.RequestsPerMinute),
        };
    }

    private static TokenBucketRateLimiter Create(int requestsPerMinute) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = 1,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromMinutes(1.0 / Math.Max(1, requestsPerMinute)),
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });

    /// <summary>Waits for the provider's next slot; cancelling the job releases its place in the line.</summary>
    public async Task WaitAsync(string provider, CancellationToken cancellationToken)
    {
        if (!limiters.TryGetValue(provider, out var limiter))
        {
            return;
        }
        using var lease = await limiter.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired)
        {
            throw new InvalidOperationException($"The {provider} rate limiter refused a request.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var limiter in limiters.Values)
        {
            await limiter.DisposeAsync();
        }
    }
}
