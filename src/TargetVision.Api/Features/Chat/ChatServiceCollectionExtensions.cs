namespace TargetVision.Api.Features.Chat;

public static class ChatServiceCollectionExtensions
{
    public static IServiceCollection AddChatFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ChatSettings>(configuration.GetSection(ChatSettings.Section));
        services.AddScoped<ChatModels>();
        services.AddScoped<ChatTurnRunner>();
        return services;
    }
}
