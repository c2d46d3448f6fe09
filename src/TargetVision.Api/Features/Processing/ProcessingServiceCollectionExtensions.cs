using TargetVision.Api.Integrations.Anthropic;
using TargetVision.Api.Integrations.OpenAI;

namespace TargetVision.Api.Features.Processing;

public static class ProcessingServiceCollectionExtensions
{
    public static IServiceCollection AddProcessingFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AiProcessingOptions>(configuration.GetSection(AiProcessingOptions.Section));
        services.AddSingleton(new ModelCatalog(configuration));
        services.AddSingleton<ProviderRateLimiter>();
        services.AddSingleton<ImagePreparer>();
        services.AddSingleton<TextEmbedder>();
        services.AddTransient<RetryAfterCaptureHandler>();
        // The SDK enforces Anthropic:TimeoutSeconds per request; the HttpClient's own 100 s default must not cut in first.
        services.AddHttpClient(AnthropicClientFactory.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler<RetryAfterCaptureHandler>();
        services.AddSingleton<IVisionDescriber, AnthropicVisionDescriber>();
        services.AddSingleton<IVisionDescriber, OpenAiVisionDescriber>();

        services.AddScoped<PromptStore>();
        services.AddScoped<PhotoDescriber>();
        services.AddScoped<AiVersionWriter>();
        services.AddScoped<ProcessingPlanner>();
        services.AddScoped<DescribeBatchCreator>();
        services.AddDescriptionPipeline();
        return services;
    }
}
