namespace TargetVision.Api.Integrations.Ai;

/// <summary>
/// A provider call that did not produce an answer, already classified, so callers decide by type instead of by
/// HTTP status or SDK: jobs retry the transient kinds and fail the others, HTTP endpoints answer problem+json.
/// The message is a sentence the user can act on.
/// </summary>
public abstract class AiProviderException(string? provider, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>anthropic or openai; null when the request was refused before reaching a provider.</summary>
    public string? Provider { get; } = provider;

    /// <summary>Waiting and trying again can help.</summary>
    public abstract bool IsTransient { get; }

    /// <summary>The server's own hint of when to try again, when it gave one.</summary>
    public virtual TimeSpan? RetryAfter => null;
}

/// <summary>429: too many requests or tokens for the account's tier right now.</summary>
public sealed class AiRateLimitedException(string? provider, string message, TimeSpan? retryAfter, Exception? inner = null)
    : AiProviderException(provider, message, inner)
{
    public override bool IsTransient => true;
    public override TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>529, 5xx or unreachable: the provider's side is struggling.</summary>
public sealed class AiOverloadedException(string? provider, string message, TimeSpan? retryAfter = null, Exception? inner = null)
    : AiProviderException(provider, message, inner)
{
    public override bool IsTransient => true;
    public override TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>No answer within the configured timeout.</summary>
public sealed class AiTimeoutException(string? provider, string message, Exception? inner = null) : AiProviderException(provider, message, inner)
{
    public override bool IsTransient => true;
}

/// <summary>401/403, or no key configured: only the owner can fix it, in Settings.</summary>
public sealed class AiBadKeyException(string? provider, string message, Exception? inner = null) : AiProviderException(provider, message, inner)
{
    public override bool IsTransient => false;
}

/// <summary>
/// The request itself cannot succeed: unknown model, image too large, a spend limit, or an answer without the
/// structured output that was asked for.
/// </summary>
public sealed class AiBadRequestException(string? provider, string message, Exception? inner = null) : AiProviderException(provider, message, inner)
{
    public override bool IsTransient => false;
}
