using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace FakeAi.Hosting;

/// <summary>Builds the Kestrel app behind both the in-process servers and the standalone demo host.</summary>
internal static class FakeHost
{
    /// <summary>In-process: loopback, a free port, no console noise in test output.</summary>
    internal static async Task<(WebApplication App, Uri Root)> StartInProcessAsync(
        FakeApiState? anthropic, FakeApiState? openAi, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = Build(builder, anthropic, openAi);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
    }

    internal static WebApplication Build(WebApplicationBuilder builder, FakeApiState? anthropic, FakeApiState? openAi)
    {
        // The fake enforces the provider's own body limit (32 MB, 413) instead of Kestrel's 30 MB default.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        FakeRoutes.Map(app, anthropic, openAi);
        return app;
    }
}
