using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace TargetVision.Api.Integrations.Ai;

/// <summary>
/// Wraps a provider's SDK chat client so that every failure leaves it as an <see cref="AiProviderException"/>.
/// <paramref name="beginCall"/> runs right before each request and returns that request's translator, so a provider
/// can open per-call state (Anthropic's retry-after capture) that the translation then reads.
/// </summary>
public sealed class ErrorTranslatingChatClient(
    IChatClient inner, string provider, string displayName, TimeSpan timeout, Func<Func<Exception, AiProviderException?>> beginCall)
    : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var translate = beginCall();
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (Exception ex) when (Translate(ex, translate, cancellationToken) is { } error)
        {
            throw error;
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var translate = beginCall();
        await using var updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            ChatResponseUpdate update;
            try
            {
                if (!await updates.MoveNextAsync())
                {
                    yield break;
                }
                update = updates.Current;
            }
            catch (Exception ex) when (Translate(ex, translate, cancellationToken) is { } error)
            {
                throw error;
            }
            yield return update;
        }
    }

    private AiProviderException? Translate(Exception ex, Func<Exception, AiProviderException?> translate, CancellationToken cancellationToken) => ex switch
    {
        AiProviderException => null,
        // The caller's token was not cancelled, so the SDK's own timeout fired.
        OperationCanceledException when !cancellationToken.IsCancellationRequested =>
            new AiTimeoutException(provider, $"{displayName} did not answer within {timeout.TotalSeconds:0.#} s (timeout).", ex),
        OperationCanceledException => null,
        _ => translate(ex) ?? (ex is HttpRequestException or IOException
            ? new AiOverloadedException(provider, $"{displayName} could not be reached: {ex.Message}", null, ex)
            : null),
    };
}
