using TargetVision.Api.Features.Search;
using TargetVision.Api.Features.SmugMug;
using TargetVision.Api.Infrastructure.Jobs;

namespace TargetVision.Api.Features.Visual;

public static class VisualServiceCollectionExtensions
{
    public static IServiceCollection AddVisualFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<VisualOptions>(configuration.GetSection(VisualOptions.Section));
        services.AddSingleton<VisualModel>();
        services.AddSingleton<IVisualQueryEmbedder, ClipQueryEmbedder>();
        services.AddScoped<VisualQueries>();
        services.AddScoped<EmbeddingPlanner>();
        services.AddHttpClient(VisualModel.HttpClientName).ConfigureHttpClient(c => c.Timeout = TimeSpan.FromMinutes(30));

        // Inference is CPU-bound and already uses Visual:Threads cores: one batch at a time per replica by default.
        services.AddJobHandler<EmbedImageJobHandler>(EmbedImagePayload.Kind, defaultConcurrency: 1);
        services.AddJobHandler<EmbedAlbumJobHandler>(EmbedAlbumPayload.Kind, defaultConcurrency: 2);
        // sync album → embed its new and changed photos (a no-op job while visual search is off)
        services.AddJobFollowUp<AlbumSyncPayload, AlbumSyncResult>(AlbumSyncPayload.Kind, EmbedAlbumPayload.Kind,
            (_, result) => result.Added + result.Updated > 0 ? new NewJob(new EmbedAlbumPayload(result.AlbumKey), null) : null);
        services.AddHostedService<VisualReembedder>();
        return services;
    }
}
