namespace TargetVision.Api.Features.Search;

public static class SearchServiceCollectionExtensions
{
    public static IServiceCollection AddSearchFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SearchOptions>(configuration.GetSection(SearchOptions.Section));
        services.AddSingleton<ISearchQueryEmbedder, MiniLmQueryEmbedder>();
        services.AddScoped<SearchService>();
        services.AddScoped<PhotoFinder>();
        // After the database initializer (registered earlier), so the schema exists.
        services.AddHostedService<SearchLanguageInitializer>();
        return services;
    }
}
