using TargetVision.Api.Features.Ai;

namespace TargetVision.Api.Features.Settings;

public static class SettingsServiceCollectionExtensions
{
    public static IServiceCollection AddSettingsFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SecretsOptions>(configuration.GetSection(SecretsOptions.Section));
        services.AddScoped<SettingsStore>();
        services.AddScoped<IAiSettings, SettingsAiAccess>();
        return services;
    }
}
