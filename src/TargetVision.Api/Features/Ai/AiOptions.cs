using TargetVision.Api.Integrations.Anthropic;
using TargetVision.Api.Integrations.OpenAI;

namespace TargetVision.Api.Features.Ai;

/// <summary>The AI layer's settings (section "Ai", shared with the description pipeline's knobs).</summary>
public sealed class AiOptions
{
    public const string Section = "Ai";

    /// <summary>anthropic or openai: the provider used when Settings names none.</summary>
    public string Provider { get; set; } = AnthropicProvider.ProviderId;

    /// <summary>
    /// Requests per minute sent to Anthropic by all replicas together (the account's tier limit, or less): the
    /// limiter keeps its schedule in PostgreSQL, so adding replicas does not multiply it.
    /// </summary>
    public int RequestsPerMinute { get; set; } = 50;

    /// <summary>Requests per minute to OpenAI, all replicas together; null = <see cref="RequestsPerMinute"/>.</summary>
    public int? OpenAiRequestsPerMinute { get; set; }

    /// <summary>Upper bound of the random extra delay added to a server's retry-after, so retries do not arrive together.</summary>
    public double RetryJitterSeconds { get; set; } = 1;

    /// <summary>How long a search query's embedding is reused.</summary>
    public double QueryEmbeddingCacheSeconds { get; set; } = 300;

    /// <summary>
    /// Seconds without a text embedding after which the local MiniLM model is unloaded (≈ 300 MB); it loads again on
    /// the next description or search (≈ 0.5–2 s). 0 keeps it loaded.
    /// </summary>
    public double TextModelIdleSeconds { get; set; } = 60;

    public int RequestsPerMinuteFor(string provider) =>
        provider == OpenAIProvider.ProviderId ? OpenAiRequestsPerMinute ?? RequestsPerMinute : RequestsPerMinute;
}
