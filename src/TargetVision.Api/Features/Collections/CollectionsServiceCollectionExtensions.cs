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
        // One at a time: chunks are claimed in the order they were queued, so the album shows the collection's order
        // (and SmugMug publishes no write rate limit, so stay polite).
        services.AddJobHandler<PublishAlbumJobHandler>(PublishAlbumPayload.Kind, defaultConcurrency: 1);
        services.AddJobHandler<CollectChunkJobHandler>(CollectChunkPayload.Kind, defaultConcurrency: 1);
        return services;
    }
}
