namespace TargetVision.Api.Infrastructure.Http;

/// <summary>Which reverse proxies may set X-Forwarded-* headers, and which origins may call the API cross-site.</summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    /// <summary>CIDR ranges of trusted proxies (e.g. the compose front network). Empty = only loopback.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public List<string> KnownProxies { get; set; } = [];
}

public sealed class CorsSettings
{
    public const string Section = "Cors";

    /// <summary>Extra origins allowed to call the API with credentials. Empty = same-origin only (nginx in front).</summary>
    public List<string> AllowedOrigins { get; set; } = [];
}
