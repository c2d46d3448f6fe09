namespace TargetVision.Api.Features.Processing;

public static class ProcessingServiceCollectionExtensions
{
    public static IServiceCollection AddProcessingFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AiProcessingOptions>(configuration.GetSection(AiProcessingOptions.Section));
        services.AddSingleton<ImagePreparer>();

        services.AddScoped<PromptStore>();
        services.AddScoped<PhotoDescriber>();
        services.AddScoped<AiVersionWriter>();
        services.AddScoped<ProcessingPlanner>();
        services.AddScoped<DescribeBatchCreator>();
        services.AddDescriptionPipeline();
        return services;
    }
}
