using Microsoft.Extensions.AI;
using TargetVision.Api.Integrations.Ai;

namespace TargetVision.Api.Features.Ai;

public static class AiServiceCollectionExtensions
{
    /// <summary>The AI layer, registered once: providers, model table, shared rate limit, usage, local embeddings.</summary>
    public static IServiceCollection AddAiFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAiProviders(configuration);
        services.Configure<AiOptions>(configuration.GetSection(AiOptions.Section));
        services.AddSingleton(new ModelCatalog(configuration));
        services.AddSingleton<AiRateLimiter>();
        services.AddScoped<AiClients>();
        services.AddScoped<AiKeyTester>();
        services.AddScoped<AiUsageRecorder>();
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>, LocalTextEmbedder>();
        services.AddSingleton<QueryEmbeddingCache>();
        return services;
    }
}
