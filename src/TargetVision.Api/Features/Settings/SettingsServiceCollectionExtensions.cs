using TargetVision.Api.Integrations.Anthropic;
using TargetVision.Api.Integrations.OpenAI;

namespace TargetVision.Api.Features.Settings;

public static class SettingsServiceCollectionExtensions
{
    public static IServiceCollection AddSettingsFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SecretsOptions>(configuration.GetSection(SecretsOptions.Section));
        services.Configure<AiOptions>(configuration.GetSection(AiOptions.Section));
        services.Configure<AnthropicOptions>(configuration.GetSection(AnthropicOptions.Section));
        services.Configure<OpenAIOptions>(configuration.GetSection(OpenAIOptions.Section));
        services.AddSingleton<AnthropicClientFactory>();
        services.AddSingleton<OpenAIClientFactory>();
        services.AddScoped<SettingsStore>();
        services.AddScoped<ProviderKeyTester>();
        return services;
    }
}
