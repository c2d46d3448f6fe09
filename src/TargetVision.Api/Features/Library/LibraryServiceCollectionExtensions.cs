namespace TargetVision.Api.Features.Library;

public static class LibraryServiceCollectionExtensions
{
    public static IServiceCollection AddLibraryFeature(this IServiceCollection services)
    {
        services.AddScoped<PhotoStates>();
        services.AddScoped<PhotoScopes>();
        return services;
    }
}
