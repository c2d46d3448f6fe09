using Anthropic.Exceptions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using TargetVision.Api.Integrations.Ai;

namespace TargetVision.Api.Integrations.Anthropic;

/// <summary>
/// Claude through the official SDK's own <see cref="IChatClient"/> (<c>AsIChatClient</c>). Structured output is a
/// forced tool: the answer arrives as the tool's validated JSON input rather than text to repair.
/// </summary>
public sealed class AnthropicProvider(AnthropicClientFactory factory, IOptions<AnthropicOptions> options) : IAiProvider
{
    public const string ProviderId = "anthropic";

    public string Id => ProviderId;

    public string DisplayName => "Anthropic";

    public string DefaultModel => options.Value.Model;

    public IChatClient CreateChatClient(string apiKey, string modelId) =>
        new ErrorTranslatingChatClient(
            factory.Create(apiKey, maxRetries: 0).AsIChatClient(modelId),
            Id, DisplayName, TimeSpan.FromSeconds(options.Value.TimeoutSeconds),
            () =>
            {
                var capture = RetryAfterCapture.Begin();
                return ex => ex switch
                {
                    AnthropicApiException api => Translate(api, capture.RetryAfter),
                    AnthropicSseException sse => TranslateStreamError(sse),
                    AnthropicIOException io => new AiOverloadedException(ProviderId, "Anthropic could not be reached: " + io.Message, null, io),
                    _ => null,
                };
            });

    public void RequestStructuredOutput(ChatOptions options, AiStructuredOutput output)
    {
        options.Tools = [AIFunctionFactory.CreateDeclaration(output.Name, output.Description, output.Schema)];
        options.ToolMode = ChatToolMode.RequireSpecific(output.Name);
    }

    public string StructuredOutputPhrase(AiStructuredOutput output) => $"through the {output.Name} tool";

    /// <summary>Anthropic counts an image as width × height / 750 tokens.</summary>
    public long ImageTokens(double width, double height) => (long)Math.Ceiling(width * height / 750);

    /// <summary>Status → exception kind, with the server's own words where they help the user.</summary>
    internal static AiProviderException Translate(AnthropicApiException ex, TimeSpan? retryAfter)
    {
        var status = (int)ex.StatusCode;
        var detail = ex is AnthropicServiceException service && !string.IsNullOrWhiteSpace(service.ApiMessage) ? service.ApiMessage : ex.Message;
        return status switch
        {
            401 => new AiBadKeyException(ProviderId, "Anthropic rejected the key (401) — check Settings.", ex),
            403 => new AiBadKeyException(ProviderId, $"Anthropic refused the request (403): {detail}", ex),
            404 => new AiBadRequestException(ProviderId, $"Anthropic does not know this model (404): {detail}", ex),
            413 => new AiBadRequestException(ProviderId, $"Image too large for the provider: {detail}", ex),
            400 when detail.Contains("image", StringComparison.OrdinalIgnoreCase) => new AiBadRequestException(ProviderId, $"Image too large for the provider: {detail}", ex),
            400 => new AiBadRequestException(ProviderId, $"Anthropic rejected the request (400): {detail}", ex),
            429 when IsSpendLimit(detail) => new AiBadRequestException(ProviderId, $"Anthropic spend limit reached (429): {detail}", ex),
            429 => new AiRateLimitedException(ProviderId, $"Anthropic rate limit (429): {detail}", retryAfter, ex),
            529 => new AiOverloadedException(ProviderId, "Anthropic is overloaded (529).", retryAfter, ex),
            408 or >= 500 => new AiOverloadedException(ProviderId, $"Anthropic server error ({status}).", retryAfter, ex),
            _ => new AiBadRequestException(ProviderId, $"Anthropic answered {status}: {detail}", ex),
        };
    }

    /// <summary>
    /// An <c>error</c> event inside a streamed answer: the status line said 200 long before, so the error type is
    /// all there is. Overload and rate limits mid-stream are as transient as their 529/429 counterparts.
    /// </summary>
    internal static AiProviderException TranslateStreamError(AnthropicSseException ex)
    {
        var detail = string.IsNullOrWhiteSpace(ex.ApiMessage) ? ex.Message : ex.ApiMessage;
        string? type;
        try
        {
            type = ex.Type?.Raw();
        }
        catch (Exception inner) when (inner is InvalidOperationException or AnthropicException)
        {
            type = null;
        }
        return type switch
        {
            "overloaded_error" => new AiOverloadedException(ProviderId, "Anthropic is overloaded (529 overloaded_error during the answer).", null, ex),
            "rate_limit_error" => new AiRateLimitedException(ProviderId, $"Anthropic rate limit (429 rate_limit_error during the answer): {detail}", null, ex),
            "api_error" or "timeout_error" => new AiOverloadedException(ProviderId, $"Anthropic server error during the answer: {detail}", null, ex),
            _ => new AiBadRequestException(ProviderId, $"Anthropic stopped the answer with an error: {detail}", ex),
        };
    }

    // A workspace or organisation spend cap is also a 429, but waiting a minute does not lift it.
    private static bool IsSpendLimit(string detail) =>
        detail.Contains("spend limit", StringComparison.OrdinalIgnoreCase)
        || detail.Contains("usage limit", StringComparison.OrdinalIgnoreCase)
        || detail.Contains("credit balance", StringComparison.OrdinalIgnoreCase);
}
