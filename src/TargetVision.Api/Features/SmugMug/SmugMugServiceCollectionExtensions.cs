using Microsoft.Extensions.Caching.Hybrid;
using TargetVision.Api.Features.Library;
using TargetVision.Api.Infrastructure.Jobs;
using TargetVision.Api.Integrations.SmugMug;

namespace TargetVision.Api.Features.SmugMug;

public static class SmugMugServiceCollectionExtensions
{
    public static IServiceCollection AddSmugMugFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SmugMugOptions>(configuration.GetSection(SmugMugOptions.Section));
        services.Configure<ImageCacheOptions>(configuration.GetSection(ImageCacheOptions.Section));

        // API and OAuth hosts: redirects are followed by hand (re-signed), never automatically.
        services.AddHttpClient<SmugMugTransport>(SmugMugTransport.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
            .ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan); // the transport applies its own per-try timeout
        // Photo host: no redirects, no proxy, no cookies, and every connection goes through the address check.
        services.AddHttpClient(SafeImageFetcher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                UseProxy = false,
                ConnectTimeout = TimeSpan.FromSeconds(10),
                ConnectCallback = sp.GetRequiredService<ImageUrlPolicy>().ConnectAsync,
            })
            .ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan);

        services.AddSingleton<SmugMugThrottle>();
        services.AddSingleton<SmugMugReachability>();
        services.AddSingleton<ISmugMugAuthFailureSink, AccountAuthFailures>();
        services.AddSingleton<ImageUrlPolicy>();
        services.AddSingleton<ImageDiskCache>();
        services.AddTransient<SmugMugClient>();
        services.AddTransient<SafeImageFetcher>();
        services.AddScoped<SmugMugAccountStore>();
        services.AddScoped<SmugMugImages>();
        services.AddScoped<IPhotoImageSource, PhotoImageSource>();
        services.AddSingleton<ListingCache>();
        services.AddScoped<SmugMugBrowser>();
        services.AddScoped<FolderRecorder>();
        services.AddScoped<LocalLibraryReader>();
        services.AddScoped<SmugMugConnectFlow>();
        services.AddScoped<SmugMugSyncStarter>();
        services.AddScoped<AlbumSynchronizer>();
        // Album syncs mostly wait on SmugMug (bounded by its own request limit), so many can run at once.
        services.AddJobHandler<AlbumSyncJobHandler>(AlbumSyncPayload.Kind, defaultConcurrency: 16);
        services.AddJobHandler<FolderExpandJobHandler>(FolderExpandPayload.Kind, defaultConcurrency: 2);

        // Listings: memory first, Redis as the second level when configured (HybridCache picks up IDistributedCache).
        var redis = configuration.GetConnectionString("Redis");
        if (!string.IsNullOrWhiteSpace(redis))
        {
            services.AddStackExchangeRedisCache(o =>
            {
                o.Configuration = redis;
                o.InstanceName = "tv:";
            });
        }
        services.AddHybridCache(o => o.DefaultEntryOptions = new HybridCacheEntryOptions { Expiration = TimeSpan.FromMinutes(5) });
        return services;
    }
}
