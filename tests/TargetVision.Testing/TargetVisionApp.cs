using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace TargetVision.Testing;

/// <summary>
/// The real app (real Kestrel when a browser needs it) against a real PostgreSQL test database. Settings are
/// passed as configuration keys, exactly as an operator would set them through environment variables.
/// </summary>
public sealed class TargetVisionApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;

    public TargetVisionApp(TestDatabase database, IDictionary<string, string?>? extraSettings = null)
    {
        Database = database;
        settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["ConnectionStrings:Default"] = database.ConnectionString,
            ["Database:MigrateOnStartup"] = "true",
            ["Database:StartupTimeoutSeconds"] = "15",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Frontend:Path"] = RepositoryPaths.Frontend,
            // Tests sign in far more often than a person; the limiter has its own test with a low limit.
            ["Auth:LoginAttemptsPerMinute"] = "10000",
            // Same for the per-account slow-down (LoginThrottleTests and AccountLoginThrottleTests cover it).
            ["Auth:LoginFreeFailuresPerAccount"] = "10000",
        };
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
    }

    public TestDatabase Database { get; }

    /// <summary>Extra registrations (e.g. a job handler used only by a test).</summary>
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? ConfigureTestServices { get; init; }

    /// <summary>Starts a real Kestrel server on a free port (for browsers and external HTTP clients).</summary>
    public Uri StartRealServer()
    {
        UseKestrel(0);
        StartServer();
        return ClientOptions.BaseAddress;
    }

    /// <summary>An HTTP client with its own cookie jar that sends the antiforgery header like the SPA does.</summary>
    public ApiSession CreateSession()
    {
        var handler = new SessionHandler();
        return new(CreateDefaultClient(ClientOptions.BaseAddress, handler), handler);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        if (ConfigureTestServices is { } configure)
        {
            builder.ConfigureServices(configure);
        }
    }
}
