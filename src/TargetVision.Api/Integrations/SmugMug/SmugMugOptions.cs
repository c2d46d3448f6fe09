namespace TargetVision.Api.Integrations.SmugMug;

/// <summary>Every SmugMug host and limit is configurable so tests and the demo can point at the fake.</summary>
public sealed class SmugMugOptions
{
    public const string Section = "SmugMug";

    /// <summary>SmugMug's own photo host. Custom-domain hosts must be added explicitly.</summary>
    public static readonly IReadOnlyList<string> DefaultImageHosts = ["photos.smugmug.com"];

    public string ApiBaseUrl { get; set; } = "https://api.smugmug.com/api/v2";
    public string OAuthBaseUrl { get; set; } = "https://api.smugmug.com/services/oauth/1.0a";

    /// <summary>
    /// Base of the authorise page as the <em>browser</em> reaches it, when that differs from how the backend reaches
    /// <see cref="OAuthBaseUrl"/> (the containerised demo: the backend talks to fake-smugmug:5100, the browser to
    /// 127.0.0.1:5100). Null = <see cref="OAuthBaseUrl"/>.
    /// </summary>
    public string? AuthorizeBaseUrl { get; set; }

    /// <summary>
    /// Exact host names (optionally host:port) images may be fetched from. Nullable so that binding a list from
    /// configuration replaces the default instead of appending to it.
    /// </summary>
    public List<string>? AllowedImageHosts { get; set; }

    /// <summary>Allows http and loopback addresses (tests, demo mode against the fake). Never in production.</summary>
    public bool AllowInsecureHosts { get; set; }

    /// <summary>
    /// Allows image hosts on private (RFC 1918) addresses: only for the containerised demo, where the fake SmugMug
    /// is another container on the compose network. Never in production.
    /// </summary>
    public bool AllowPrivateNetworkHosts { get; set; }

    /// <summary>
    /// Requested on the authorise page. Full: private galleries are part of the library. Read: the app only reads
    /// unless the owner turns on a feature that writes, which asks again with <see cref="WritePermissions"/>
    /// (docs/adr/0009-smugmug-read-access-by-default.md).
    /// </summary>
    public string Access { get; set; } = "Full";
    public string Permissions { get; set; } = "Read";

    /// <summary>The level "Reconnect with Modify" asks for: publishing collections and writing captions back need it.</summary>
    public const string WritePermissions = "Modify";

    public int FolderCacheMinutes { get; set; } = 5;
    public int CoverCacheMinutes { get; set; } = 60;

    /// <summary>Requests in flight to SmugMug at once from this replica.</summary>
    public int MaxConcurrentRequests { get; set; } = 8;

    /// <summary>Retries of one request on 429/5xx/network errors before giving up.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>Longer waits than this are not slept in-process: jobs are rescheduled instead.</summary>
    public int MaxRetryDelaySeconds { get; set; } = 30;

    public int RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// How long a Library screen waits for SmugMug (retries included) before it shows the local copy instead.
    /// </summary>
    public int BrowseTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// After SmugMug was unreachable or rejected the token, Library screens use the local copy for this long without
    /// asking again (so every click does not wait out the retries); an explicit retry asks at once.
    /// </summary>
    public int BrowseRecheckSeconds { get; set; } = 15;
    public int ImageTimeoutSeconds { get; set; } = 60;
    public long MaxImageBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>Request-token lifetime between "Connect" and the callback.</summary>
    public int RequestTokenMinutes { get; set; } = 10;

    public IReadOnlyList<string> EffectiveImageHosts =>
        AllowedImageHosts is { Count: > 0 } hosts ? hosts : DefaultImageHosts;
}
