using FakeSmugMug.Hosting;
using FakeSmugMug.Images;
using FakeSmugMug.Model;
using FakeSmugMug.OAuth;
using FakeSmugMug.Seeds;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace FakeSmugMug;

/// <summary>
/// A running fake SmugMug (API v2, OAuth 1.0a and the photo host) on its own Kestrel listener. Start one per
/// test class or fixture; everything it serves comes from <see cref="Library"/>, which tests may change.
/// </summary>
public sealed class FakeSmugMugServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ServerState _state;

    private FakeSmugMugServer(WebApplication app, ServerState state, string baseUrl)
    {
        _app = app;
        _state = state;
        BaseUrl = baseUrl;
    }

    /// <summary>e.g. <c>http://127.0.0.1:41234</c>, without a trailing slash.</summary>
    public string BaseUrl { get; }

    public string ApiBaseUrl => BaseUrl + "/api/v2";
    public string OAuthBaseUrl => BaseUrl + OAuthEndpoints.Prefix;
    public string RequestTokenUrl => OAuthBaseUrl + "/getRequestToken";
    public string AuthorizeUrl => OAuthBaseUrl + "/authorize";
    public string AccessTokenUrl => OAuthBaseUrl + "/getAccessToken";

    /// <summary>Base of every media URL, <c>{BaseUrl}/photos</c>; layout <c>/photos/i-KEY/SERIAL/SIZE/i-KEY-SIZE.jpg</c>.</summary>
    public string ImageBaseUrl => (_state.Options.PublicBaseUrl?.TrimEnd('/') ?? BaseUrl) + ImageUrls.PathPrefix.TrimEnd('/');

    /// <summary>Host (and port) of media URLs, for an image-proxy allow-list.</summary>
    public string ImageHost => new Uri(ImageBaseUrl).Authority;

    public string ConsumerKey => _state.Options.ConsumerKey;
    public string ConsumerSecret => _state.Options.ConsumerSecret;
    public FakeLibrary Library => _state.Library;
    public RequestCounters Requests => _state.Counters;
    public FaultInjector Faults => _state.Faults;
    public OAuthTokenStore Tokens => _state.Tokens;
    public ImageByteCache ImageCache => _state.ImageCache;

    public static async Task<FakeSmugMugServer> StartAsync(FakeSmugMugOptions? options = null, CancellationToken ct = default)
    {
        options ??= new FakeSmugMugOptions();
        var library = options.Library ?? LibrarySeeds.Small();
        library.Clock = options.TimeProvider;
        var state = new ServerState(options, library);

        // The empty builder reads no appsettings or environment, so a test's surroundings cannot change the fake.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(FakeSmugMugServer).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore();
        // Uploaders send file names and captions in X-Smug-* headers as raw UTF-8, which Kestrel refuses by default.
        builder.WebHost.ConfigureKestrel(k => k.RequestHeaderEncodingSelector = _ => System.Text.Encoding.UTF8);
        builder.WebHost.UseUrls(options.Urls);
        var app = builder.Build();
        app.Run(http => Dispatcher.InvokeAsync(http, state));
        await app.StartAsync(ct);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var uri = new Uri(address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal));
        var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "127.0.0.1" : uri.Host;
        return new FakeSmugMugServer(app, state, $"{uri.Scheme}://{host}:{uri.Port}");
    }

    /// <summary>
    /// Issues an access token without the browser flow, for tests that start "already connected".
    /// Defaults to what TargetVision asks for: Access=Full, Permissions=Modify.
    /// </summary>
    public AccessToken IssueAccessToken(AccessLevel access = AccessLevel.Full, PermissionLevel permissions = PermissionLevel.Modify) =>
        _state.Tokens.Issue(new OAuthGrant(access, permissions));

    public Task WaitForShutdownAsync(CancellationToken ct) => _app.WaitForShutdownAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
