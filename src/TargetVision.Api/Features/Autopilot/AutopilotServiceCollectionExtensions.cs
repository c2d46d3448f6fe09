using TargetVision.Api.Features.Ai;
using TargetVision.Api.Infrastructure.Jobs;

namespace TargetVision.Api.Features.Autopilot;

public static class AutopilotServiceCollectionExtensions
{
    public static IServiceCollection AddAutopilotFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AutopilotOptions>(configuration.GetSection(AutopilotOptions.Section));
        // Tests replace this one clock to move the schedule without moving the rest of the app.
        services.AddKeyedSingleton(AutopilotClock.Key, (sp, _) => sp.GetRequiredService<TimeProvider>());
        services.AddScoped<AutopilotSettingsStore>();
        services.AddScoped<AutopilotBudget>();
        services.AddScoped<IAiSpendGuard>(sp => sp.GetRequiredService<AutopilotBudget>());
        services.AddScoped<AutopilotRunner>();
        services.AddScoped<WriteBackPlanner>();
        services.AddSingleton<AutopilotScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<AutopilotScheduler>());
        services.AddJobHandler<WriteBackJobHandler>(WriteBackPayload.Kind, defaultConcurrency: 4);
        services.AddJobHandler<UndoWriteBackJobHandler>(UndoWriteBackPayload.Kind, defaultConcurrency: 4);
        return services;
    }
}
