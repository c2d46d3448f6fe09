namespace TargetVision.Api.Features.Mcp;

public static class McpServiceCollectionExtensions
{
    public static IServiceCollection AddMcpFeature(this IServiceCollection services)
    {
        services.AddScoped<McpTokens>();
        services.AddHttpContextAccessor();
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, McpTokenAuthenticationHandler>(McpTokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(McpTokenAuthenticationHandler.Policy, policy =>
            policy.AddAuthenticationSchemes(McpTokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        // Stateless: any replica answers any request, no session affinity, nothing kept between calls.
        services.AddMcpServer(o => o.ServerInfo = new() { Name = "TargetVision", Version = "1.0" })
            .WithHttpTransport(o => o.Stateless = true)
            .WithTools<McpPhotoTools>();
        return services;
    }
}
