using FakeSmugMug;
using Microsoft.Extensions.DependencyInjection;
using TargetVision.Api.Features.SmugMug;
using TargetVision.Api.Integrations.SmugMug;

namespace TargetVision.Testing;

/// <summary>
/// A running fake SmugMug plus the app settings that point TargetVision at it. The fake is addressed as
/// <c>localhost</c> (a DNS name, as SmugMug's hosts are) because the image guard refuses IP-literal hosts; http and
/// loopback are allowed only through <c>SmugMug:AllowInsecureHosts</c>, as the demo mode does.
/// </summary>
public sealed class SmugMugTestSetup : IAsyncDisposable
{
    private SmugMugTestSetup(FakeSmugMugServer server, string cacheDirectory)
    {
        Server = server;
        CacheDirectory = cacheDirectory;
        BaseUrl = server.BaseUrl.Replace("://127.0.0.1:", "://localhost:", StringComparison.Ordinal);
    }

    public FakeSmugMugServer Server { get; }

    /// <summary>The fake's base URL with host <c>localhost</c>; media URLs it hands out use the same host.</summary>
    public string BaseUrl { get; }

    public string ImageHost => new Uri(BaseUrl).Authority;

    /// <summary>A temporary Storage:CacheDirectory, deleted on dispose.</summary>
    public string CacheDirectory { get; }

    public static async Task<SmugMugTestSetup> StartAsync(FakeSmugMugOptions? options = null)
    {
        var server = await FakeSmugMugServer.StartAsync(options);
        var cache = Path.Combine(Path.GetTempPath(), "tv-cache-" + Guid.NewGuid().ToString("N")[..12]);
        return new SmugMugTestSetup(server, cache);
    }

    /// <summary>Configuration for <see cref="TargetVisionApp"/>: hosts, allow-list, consumer key pair, cache directory.</summary>
    public Dictionary<string, string?> Settings() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["SmugMug:ApiBaseUrl"] = BaseUrl + "/api/v2",
        ["SmugMug:OAuthBaseUrl"] = BaseUrl + "/services/oauth/1.0a",
        ["SmugMug:AllowedImageHosts:0"] = ImageHost,
        ["SmugMug:AllowInsecureHosts"] = "true",
        ["Secrets:SmugMugApiKey"] = Server.ConsumerKey,
        ["Secrets:SmugMugApiSecret"] = Server.ConsumerSecret,
        ["Storage:CacheDirectory"] = CacheDirectory,
    };

    /// <summary>
    /// Stores an access token issued by the fake, as if the owner had gone through the OAuth flow and granted what
    /// the fake grants by default (Full + Modify), so tests of writing features start able to write.
    /// </summary>
    public async Task ConnectAsync(IServiceProvider services, string permissions = "Modify", CancellationToken ct = default)
    {
        var token = Server.IssueAccessToken();
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SmugMugAccountStore>().SaveConnectionAsync(new OAuthToken(token.Token, token.Secret), permissions, ct);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        if (Directory.Exists(CacheDirectory))
        {
            Directory.Delete(CacheDirectory, recursive: true);
        }
    }
}
