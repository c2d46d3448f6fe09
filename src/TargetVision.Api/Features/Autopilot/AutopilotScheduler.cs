using Microsoft.Extensions.Options;

namespace TargetVision.Api.Features.Autopilot;

/// <summary>
/// Each replica's tick loop. Every replica ticks; <see cref="AutopilotRunner"/> makes sure a run starts once. Time
/// comes from the keyed autopilot clock, so tests tick by moving a fake clock (or call <see cref="TickAsync"/>).
/// </summary>
public sealed class AutopilotScheduler(
    IServiceScopeFactory scopes,
    [FromKeyedServices(AutopilotClock.Key)] TimeProvider clock,
    IOptions<AutopilotOptions> options,
    ILogger<AutopilotScheduler> logger) : BackgroundService
{
    public async Task<TickOutcome> TickAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AutopilotRunner>().TickAsync(clock.GetUtcNow(), ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SchedulerEnabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(0.5, options.Value.TickSeconds)), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await TickAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The next tick tries again; a failed run is recorded by the runner itself.
                    logger.LogWarning("Autopilot tick failed: {Reason}", e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
