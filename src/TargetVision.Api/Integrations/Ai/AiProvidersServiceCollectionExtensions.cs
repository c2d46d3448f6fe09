using TargetVision.Api.Integrations.Anthropic;
using TargetVision.Api.Integrations.OpenAI;

namespace TargetVision.Api.Integrations.Ai;

public static class AiProvidersServiceCollectionExtensions
{
    /// <summary>The one registration of the provider SDKs and their <see cref="IAiProvider"/> adapters.</summary>
    public static IServiceCollection AddAiProviders(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AnthropicOptions>(configuration.GetSection(AnthropicOptions.Section));
        services.Configure<OpenAIOptions>(configuration.GetSection(OpenAIOptions.Section));
        services.AddTransient<RetryAfterCaptureHandler>();
        // The SDK enforces Anthropic:TimeoutSeconds per request; the HttpClient's own 100 s default must not cut in first.
        services.AddHttpClient(AnthropicClientFactory.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler<RetryAfterCaptureHandler>();
        services.AddSingleton<AnthropicClientFactory>();
        services.AddSingleton<OpenAIClientFactory>();
        services.AddSingleton<IAiProvider, AnthropicProvider>();
        services.AddSingleton<IAiProvider, OpenAIProvider>();
        return services;
    }
}
