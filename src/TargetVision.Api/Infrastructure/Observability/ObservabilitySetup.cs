using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace TargetVision.Api.Infrastructure.Observability;

/// <summary>JSON logs with trace ids, Prometheus metrics, and OTLP traces when an endpoint is configured.</summary>
public static class ObservabilitySetup
{
    public const string ServiceName = "targetvision-backend";

    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            options.UseUtcTimestamp = true;
        });
        builder.Logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        var otlp = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentationIfAvailable()
                .AddMeter(Telemetry.MeterName)
                .AddPrometheusExporter())
            .WithTracing(tracing =>
            {
                tracing
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health") && !http.Request.Path.StartsWithSegments("/metrics"))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql()
                    .AddSource(Telemetry.ActivitySourceName);
                if (!string.IsNullOrWhiteSpace(otlp))
                {
                    tracing.AddOtlpExporter();
                }
            });
        return builder;
    }

    // Runtime metrics come with .NET's built-in meter; no extra package is needed.
    private static MeterProviderBuilder AddRuntimeInstrumentationIfAvailable(this MeterProviderBuilder metrics) =>
        metrics.AddMeter("System.Runtime");
}

/// <summary>
/// Where Prometheus scrapes. The metrics name routes, counts and timings, so they stay off the public port: with a
/// management port set, /metrics answers only for requests that arrived on it (Kestrel must listen there too, e.g.
/// ASPNETCORE_HTTP_PORTS=8080;9090), and nginx never proxies that port.
/// </summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>Port that serves /metrics. 0 = every port (only for host runs behind nothing).</summary>
    public int ManagementPort { get; set; } = 9090;
}

public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static IEndpointConventionBuilder MapMetricsEndpoint(this WebApplication app)
    {
        var options = app.Configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        if (options.ManagementPort > 0)
        {
            // The connection's local port, not the Host header: a client picks its Host header, not the socket it hit.
            app.Use((context, next) =>
                context.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase)
                    && context.Connection.LocalPort != options.ManagementPort
                    ? Http.Problems.WriteAsync(context, StatusCodes.Status404NotFound, "Not found")
                    : next(context));
        }
        return app.MapPrometheusScrapingEndpoint(Path).AllowAnonymous();
    }
}
