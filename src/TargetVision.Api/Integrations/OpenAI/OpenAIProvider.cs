using System.ClientModel;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using TargetVision.Api.Integrations.Ai;

namespace TargetVision.Api.Integrations.OpenAI;

/// <summary>
/// OpenAI chat completions through Microsoft.Extensions.AI.OpenAI's <see cref="IChatClient"/> over the official SDK.
/// Structured output is a strict json_schema response format.
/// </summary>
public sealed class OpenAIProvider(OpenAIClientFactory factory, IOptions<OpenAIOptions> options) : IAiProvider
{
    public const string ProviderId = "openai";

    public string Id => ProviderId;

    public string DisplayName => "OpenAI";

    public string DefaultModel => options.Value.Model;

    public IChatClient CreateChatClient(string apiKey, string modelId) =>
        new ErrorTranslatingChatClient(
            factory.Create(apiKey, maxRetries: 0).GetChatClient(modelId).AsIChatClient(),
            Id, DisplayName, TimeSpan.FromSeconds(options.Value.TimeoutSeconds),
            () => ex => ex is ClientResultException result ? Translate(result) : null,
            streamEndsWithFinishReason: true);

    public void RequestStructuredOutput(ChatOptions options, AiStructuredOutput output)
    {
        options.ResponseFormat = ChatResponseFormat.ForJsonSchema(output.Schema, output.Name, output.Description);
        // Read by the Microsoft.Extensions.AI.OpenAI adapter: sends json_schema.strict = true.
        (options.AdditionalProperties ??= [])["strict"] = true;
    }

    public string StructuredOutputPhrase(AiStructuredOutput output) => "with the JSON object the schema describes";

    /// <summary>High detail: fit in 2048², shortest side to 768, then 170 tokens per 512 px tile plus 85.</summary>
    public long ImageTokens(double width, double height)
    {
        var fit = Math.Min(1.0, 2048 / Math.Max(width, height));
        width *= fit;
        height *= fit;
        var shortest = Math.Min(1.0, 768 / Math.Min(width, height));
        width *= shortest;
        height *= shortest;
        return 85 + 170 * (long)(Math.Ceiling(width / 512) * Math.Ceiling(height / 512));
    }

    internal static AiProviderException Translate(ClientResultException ex)
    {
        if (ex.Status == 0)
        {
            return new AiOverloadedException(ProviderId, "OpenAI could not be reached: " + ex.Message, null, ex);
        }
        var response = ex.GetRawResponse();
        TimeSpan? retryAfter = null;
        if (response is not null && response.Headers.TryGetValue("retry-after", out var value)
            && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            retryAfter = TimeSpan.FromSeconds(seconds);
        }
        var detail = ErrorMessage(response?.Content?.ToString()) ?? ex.Message;
        return ex.Status switch
        {
            401 => new AiBadKeyException(ProviderId, "OpenAI rejected the key (401) — check Settings.", ex),
            403 => new AiBadKeyException(ProviderId, $"OpenAI refused the request (403): {detail}", ex),
            404 => new AiBadRequestException(ProviderId, $"OpenAI does not know this model (404): {detail}", ex),
            413 => new AiBadRequestException(ProviderId, $"Image too large for the provider: {detail}", ex),
            400 when detail.Contains("image", StringComparison.OrdinalIgnoreCase) => new AiBadRequestException(ProviderId, $"Image too large for the provider: {detail}", ex),
            400 => new AiBadRequestException(ProviderId, $"OpenAI rejected the request (400): {detail}", ex),
            // insufficient_quota is a billing cap, not a rate: retrying cannot help.
            429 when detail.Contains("quota", StringComparison.OrdinalIgnoreCase) => new AiBadRequestException(ProviderId, $"OpenAI spend limit reached (429): {detail}", ex),
            429 => new AiRateLimitedException(ProviderId, $"OpenAI rate limit (429): {detail}", retryAfter, ex),
            408 or >= 500 => new AiOverloadedException(ProviderId, $"OpenAI server error ({ex.Status}).", retryAfter, ex),
            _ => new AiBadRequestException(ProviderId, $"OpenAI answered {ex.Status}: {detail}", ex),
        };
    }

    private static string? ErrorMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("message", out var message) ? message.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
