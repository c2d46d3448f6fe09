using TargetVision.Api.Infrastructure.Jobs;

namespace TargetVision.Api.Features.Collections;

public static class CollectionsServiceCollectionExtensions
{
    public static IServiceCollection AddCollectionsFeature(this IServiceCollection services)
    {
        services.AddScoped<CollectionStore>();
        services.AddScoped<CollectionZipWriter>();
        services.AddSingleton<ZipDownloadMonitor>();
        services.AddScoped<CollectionPublisher>();
        // One album at a time; chunks two at a time (SmugMug has no published write rate limit, so stay polite).
        services.AddJobHandler<PublishAlbumJobHandler>(PublishAlbumPayload.Kind, defaultConcurrency: 1);
        services.AddJobHandler<CollectChunkJobHandler>(CollectChunkPayload.Kind, defaultConcurrency: 2);
        return services;
    }
}
