using TargetVision.Api.Infrastructure.Jobs;

namespace TargetVision.Api.Features.Processing;

public static class ProcessingServiceCollectionExtensions
{
    public static IServiceCollection AddProcessingFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AiProcessingOptions>(configuration.GetSection(AiProcessingOptions.Section));
        services.AddSingleton<ImagePreparer>();

        services.AddScoped<PromptStore>();
        services.AddScoped<PhotoStatusUpdater>();
        services.AddScoped<PhotoDescriber>();
        services.AddScoped<AiVersionWriter>();
        services.AddScoped<ProcessingPlanner>();
        services.AddScoped<DescribeBatchCreator>();
        services.AddScoped<StatusReconciler>();
        services.AddHostedService<BatchCancellationListener>();

        services.AddJobHandler<DescribePhotoJobHandler>(DescribeJobPayload.Kind);
        services.AddJobHandler<EmbedTextJobHandler>(AiVersionWriter.EmbedJobKind);
        return services;
    }
}
