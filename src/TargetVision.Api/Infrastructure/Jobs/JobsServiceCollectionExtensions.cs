using System.Text.Json;
using TargetVision.Api.Infrastructure.Events;

namespace TargetVision.Api.Infrastructure.Jobs;

public static class JobsServiceCollectionExtensions
{
    public static IServiceCollection AddJobQueue(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<JobOptions>(configuration.GetSection(JobOptions.Section));
        services.AddSingleton<EventHub>();
        services.AddHostedService(sp => sp.GetRequiredService<EventHub>());
        services.AddSingleton<JobWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<JobWorker>());
        services.AddScoped<JobQueue>();
        services.AddScoped<JobTransitions>();
        services.AddScoped<EventPublisher>();
        return services;
    }

    /// <summary>
    /// Registers a job handler for a kind. Handlers are scoped: each job gets a fresh scope (its own DbContext).
    /// </summary>
    public static IServiceCollection AddJobHandler<THandler>(this IServiceCollection services, string kind, int? defaultConcurrency = null) where THandler : class, IJobHandler
    {
        services.AddKeyedScoped<IJobHandler, THandler>(kind);
        services.AddSingleton(new JobKind(kind, defaultConcurrency));
        return services;
    }

    /// <summary>Registers an observer of a kind's state changes (see <see cref="IJobTransitionObserver"/>).</summary>
    public static IServiceCollection AddJobObserver<TObserver>(this IServiceCollection services, string kind) where TObserver : class, IJobTransitionObserver
    {
        services.AddKeyedScoped<IJobTransitionObserver, TObserver>(kind);
        return services;
    }

    /// <summary>Declares that a successful <paramref name="after"/> job is followed by a <paramref name="then"/> job.</summary>
    public static IServiceCollection AddJobFollowUp<TPayload, TResult>(
        this IServiceCollection services, string after, string then, Func<TPayload, TResult, NewJob?> create)
    {
        services.AddSingleton(new JobFollowUp(after, then, (payload, result) =>
            result is { } r && payload.Deserialize<TPayload>(JsonSerializerOptions.Web) is { } p && r.Deserialize<TResult>(JsonSerializerOptions.Web) is { } res
                ? create(p, res)
                : null));
        return services;
    }
}
