using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace TargetVision.Api.Features.Ai;

/// <summary>
/// Waits for the provider's shared rate-limit slot before every request; <paramref name="afterSlot"/> runs after the
/// wait, right before the paid call (a describe job checks there that its batch was not cancelled meanwhile).
/// </summary>
public sealed class RateLimitedChatClient(IChatClient inner, AiRateLimiter limiter, string provider, Func<CancellationToken, Task>? afterSlot = null)
    : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        await WaitAsync(cancellationToken);
        return await base.GetResponseAsync(messages, options, cancellationToken);
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await WaitAsync(cancellationToken);
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            yield return update;
        }
    }

    private async Task WaitAsync(CancellationToken cancellationToken)
    {
        await limiter.WaitAsync(provider, cancellationToken);
        if (afterSlot is not null)
        {
            await afterSlot(cancellationToken);
        }
    }
}
