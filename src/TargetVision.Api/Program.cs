using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.HttpOverrides;
using TargetVision.Api;
using TargetVision.Api.Features.Ai;
using TargetVision.Api.Features.Auth;
using TargetVision.Api.Features.Autopilot;
using TargetVision.Api.Features.Batches;
using TargetVision.Api.Features.Chat;
using TargetVision.Api.Features.Collections;
using TargetVision.Api.Features.Health;
using TargetVision.Api.Features.Library;
using TargetVision.Api.Features.Mcp;
using TargetVision.Api.Features.Processing;
using TargetVision.Api.Features.Search;
using TargetVision.Api.Features.Settings;
using TargetVision.Api.Features.SmugMug;
using TargetVision.Api.Features.Visual;
using TargetVision.Api.Infrastructure;
using TargetVision.Api.Infrastructure.Commands;
using TargetVision.Api.Infrastructure.Configuration;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Infrastructure.Events;
using TargetVision.Api.Infrastructure.Http;
using TargetVision.Api.Infrastructure.Jobs;
using TargetVision.Api.Infrastructure.Observability;

var command = args.FirstOrDefault();
if (command == "healthcheck")
{
    return await HealthcheckCommand.RunAsync();
}

var builder = WebApplication.CreateBuilder(args.Where(a => a is not ("migrate" or "seed" or "models" or "download" or "--force" or "embeddings" or "backfill")).ToArray());
builder.Configuration.AddInMemoryCollection(EnvironmentAliases.Resolve(Environment.GetEnvironmentVariable));

builder.AddObservability();
builder.Services.AddAppServices(builder.Configuration);

if (command is "models" or "embeddings")
{
    await using var visualHost = builder.Build();
    return command == "models"
        ? await ModelsCommand.RunAsync(visualHost.Services, args, Console.Out, CancellationToken.None)
        : await EmbeddingsCommand.RunAsync(visualHost.Services, args, Console.Out, CancellationToken.None);
}

if (command is "migrate" or "seed")
{
    await using var commandHost = builder.Build();
    return command == "migrate"
        ? await MigrateCommand.RunAsync(commandHost.Services, CancellationToken.None)
        : await SeedCommand.RunAsync(commandHost.Services, commandHost.Configuration, CancellationToken.None);
}

var app = builder.Build();
var frontendPath = SpaHosting.ResolveFrontendPath(app.Configuration, app.Environment);

app.UseForwardedHeaders();
app.UseHttpsPublicScheme();
app.UseProblemResponses();
app.UseSpaFiles(frontendPath);
app.UseApiReferencePage();
app.UseRouting();
// After routing: a route may declare a larger body limit of its own (the prompt test upload).
app.UseMiddleware<RequestBodyLimitMiddleware>();
app.UseCors();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.UseMiddleware<AntiforgeryValidationMiddleware>();
app.UseMiddleware<TextInputMiddleware>();

app.MapHealthEndpoints();
app.MapMetricsEndpoint();
app.MapOpenApi("/api/openapi/{documentName}.json");
app.MapApiReference();
app.MapAuthApi();
app.MapSettingsApi();
app.MapEventsApi();
app.MapBatchesApi();
app.MapSmugMugApi();
app.MapLibraryApi();
app.MapProcessingApi();
app.MapAiApi();
app.MapSearchApi();
app.MapCollectionsApi();
app.MapChatApi();
app.MapMcpApi();
app.MapVisualApi();
app.MapAutopilotApi();
app.MapSpaFallback(frontendPath);

await app.RunAsync();
return 0;

namespace TargetVision.Api
{
    /// <summary>Service registration shared by the web host and the migrate command.</summary>
    internal static class AppServices
    {
        public static IServiceCollection AddAppServices(this IServiceCollection services, IConfiguration configuration)
        {
            services.AddSingleton(TimeProvider.System);
            services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));
            services.Configure<AppOptions>(configuration.GetSection(AppOptions.Section));
            services.AddAppDatabase(configuration);
            services.AddScoped<DatabaseMigrator>();
            // Order matters: hosted services start in registration order, and the owner bootstrap needs the schema.
            services.AddHostedService<DatabaseInitializer>();

            services.AddKeyRing(configuration);

            var shutdown = configuration.GetSection(ShutdownOptions.Section).Get<ShutdownOptions>() ?? new ShutdownOptions();
            services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(shutdown.TimeoutSeconds));

            services.Configure<HttpLimitsOptions>(configuration.GetSection(HttpLimitsOptions.Section));
            services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
            services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.SnakeCaseLower)));
            services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new TextInputJsonConverter()));
            services.AddProblemResponses();
            services.AddValidation();
            services.AddOpenApi();
            services.AddForwardedHeadersSupport(configuration);
            services.AddCorsSupport(configuration);

            services.AddJobQueue(configuration);
            services.AddOwnerAuth(configuration);
            services.AddSettingsFeature(configuration);
            services.AddAiFeature(configuration);
            services.AddHealthFeature(configuration);
            services.AddLibraryFeature();
            services.AddProcessingFeature(configuration);
            services.AddSmugMugFeature(configuration);
            services.AddSearchFeature(configuration);
            services.AddCollectionsFeature();
            services.AddChatFeature(configuration);
            services.AddMcpFeature();
            services.AddVisualFeature(configuration);
            services.AddAutopilotFeature(configuration);
            return services;
        }

        private static void AddForwardedHeadersSupport(this IServiceCollection services, IConfiguration configuration)
        {
            var settings = configuration.GetSection(ForwardedHeadersSettings.Section).Get<ForwardedHeadersSettings>() ?? new ForwardedHeadersSettings();
            services.Configure<ForwardedHeadersOptions>(o =>
            {
                o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
                // Only the proxy network may speak for the client; loopback stays trusted by default.
                foreach (var network in settings.KnownNetworks)
                {
                    o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
                }
                foreach (var proxy in settings.KnownProxies)
                {
                    o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
                }
            });
        }

        private static void AddCorsSupport(this IServiceCollection services, IConfiguration configuration)
        {
            var cors = configuration.GetSection(CorsSettings.Section).Get<CorsSettings>() ?? new CorsSettings();
            services.AddCors(o => o.AddDefaultPolicy(policy =>
            {
                if (cors.AllowedOrigins.Count > 0)
                {
                    policy.WithOrigins([.. cors.AllowedOrigins]).AllowAnyHeader().AllowAnyMethod().AllowCredentials();
                }
            }));
        }
    }
}
