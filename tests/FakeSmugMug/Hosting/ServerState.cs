using FakeSmugMug.Images;
using FakeSmugMug.Model;
using FakeSmugMug.OAuth;

namespace FakeSmugMug.Hosting;

/// <summary>Everything the request handlers share for one running fake.</summary>
public sealed class ServerState
{
    public ServerState(FakeSmugMugOptions options, FakeLibrary library)
    {
        Options = options;
        Library = library;
        Clock = options.TimeProvider;
        Tokens = new OAuthTokenStore(Clock);
        Verifier = new OAuthVerifier(options.ConsumerKey, options.ConsumerSecret, Tokens, Clock);
        RateLimit = new RateLimitWindow(options.RateLimit, options.RateLimitWindow, Clock);
        ImageCache = new ImageByteCache(options.ImageCacheBytes);
        Faults.Latency = options.Latency;
    }

    public FakeSmugMugOptions Options { get; }
    public FakeLibrary Library { get; }
    public TimeProvider Clock { get; }
    public OAuthTokenStore Tokens { get; }
    public OAuthVerifier Verifier { get; }
    public RequestCounters Counters { get; } = new();
    public FaultInjector Faults { get; } = new();
    public RateLimitWindow RateLimit { get; }
    public ImageByteCache ImageCache { get; }

    public string PublicBaseUrl(HttpRequest request) =>
        Options.PublicBaseUrl?.TrimEnd('/') ?? $"{request.Scheme}://{request.Host}";
}
