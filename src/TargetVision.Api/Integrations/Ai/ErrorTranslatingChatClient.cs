using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace TargetVision.Api.Integrations.Ai;

/// <summary>
/// Wraps a provider's SDK chat client so that every failure leaves it as an <see cref="AiProviderException"/>.
/// <paramref name="beginCall"/> runs right before each request and returns that request's translator, so a provider
/// can open per-call state (Anthropic's retry-after capture) that the translation then reads.
/// With <paramref name="streamEndsWithFinishReason"/> a stream that stops before any update carried a finish reason is
/// an interrupted answer (transient), not a short one: OpenAI reports a failure after the 200 as an error object on a
/// data line and ends the stream without <c>[DONE]</c>, and a dropped connection ends it the same way.
/// </summary>
public sealed class ErrorTranslatingChatClient(
    IChatClient inner, string provider, string displayName, TimeSpan timeout, Func<Func<Exception, AiProviderException?>> beginCall,
    bool streamEndsWithFinishReason = false)
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
        var finished = false;
        while (true)
        {
            ChatResponseUpdate update;
            try
            {
                if (!await updates.MoveNextAsync())
                {
                    break;
                }
                update = updates.Current;
            }
            catch (Exception ex) when (Translate(ex, translate, cancellationToken) is { } error)
            {
                throw error;
            }
            finished |= update.FinishReason is not null;
            yield return update;
        }
        if (streamEndsWithFinishReason && !finished && !cancellationToken.IsCancellationRequested)
        {
            throw new AiOverloadedException(provider, $"{displayName} stopped the answer before it was complete (the stream ended without a finish reason).");
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
