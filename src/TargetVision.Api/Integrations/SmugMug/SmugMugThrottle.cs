using Microsoft.Extensions.Options;

namespace TargetVision.Api.Integrations.SmugMug;

/// <summary>The replica-wide limit on concurrent SmugMug requests (a singleton shared by every transport).</summary>
public sealed class SmugMugThrottle(IOptions<SmugMugOptions> options)
{
    public SemaphoreSlim Semaphore { get; } = new(Math.Max(1, options.Value.MaxConcurrentRequests));
}
