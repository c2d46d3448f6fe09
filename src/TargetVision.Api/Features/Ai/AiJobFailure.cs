using TargetVision.Api.Infrastructure.Jobs;
using TargetVision.Api.Integrations.Ai;

namespace TargetVision.Api.Features.Ai;

/// <summary>
/// The one translation of provider failures into the queue's decisions, for every job that calls a provider: rate
/// limits, overload and timeouts are retried (after the server's retry-after plus a little jitter, so jobs refused
/// together do not return together); bad keys and impossible requests fail at once.
/// </summary>
public static class AiJobFailure
{
    /// <summary>The queue exception for <paramref name="error"/>, or null when it is not a provider failure.</summary>
    public static Exception? From(Exception error, double jitterSeconds) => error switch
    {
        AiProviderException { IsTransient: true } e => new RetryLaterException(e.Message,
            e.RetryAfter is { } wait ? wait + TimeSpan.FromSeconds(Random.Shared.NextDouble() * jitterSeconds) : null, e),
        AiProviderException e => new PermanentJobException(e.Message, e),
        _ => null,
    };

    /// <summary>Runs a provider call, rethrowing its provider failures as the queue's exceptions.</summary>
    public static async Task<T> RunAsync<T>(Func<Task<T>> call, double jitterSeconds)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (From(e, jitterSeconds) is { } failure)
        {
            throw failure;
        }
    }
}
