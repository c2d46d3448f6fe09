using System.ClientModel;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OpenAI.Chat;
using TargetVision.Api.Features.Processing;
using TargetVision.Api.Infrastructure.Jobs;

namespace TargetVision.Api.Integrations.OpenAI;

/// <summary>
/// OpenAI vision chat with a strict json_schema response format. The SDK's retries are off: the job queue retries,
/// visibly and cancellably, honouring the retry-after the SDK exposes through the raw response.
/// </summary>
public sealed class OpenAiVisionDescriber(OpenAIClientFactory factory, IOptions<AiProcessingOptions> options, IOptions<OpenAIOptions> openAiOptions) : IVisionDescriber
{
    private static readonly BinaryData Schema = BinaryData.FromString(DescriptionSchema.StrictJsonSchema());

    public string Provider => "openai";

    public async Task<VisionResult> DescribeAsync(VisionRequest request, CancellationToken cancellationToken)
    {
        var chat = factory.Create(request.ApiKey, maxRetries: 0).GetChatClient(request.Model);
        List<ChatMessage> messages =
        [
            new SystemChatMessage(DescriptionSchema.SystemPrompt.Replace("through the " + DescriptionSchema.ToolName + " tool", "with the JSON object the schema describes", StringComparison.Ordinal)),
            new UserChatMessage(
                ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(request.Image.Bytes), request.Image.MediaType, ChatImageDetailLevel.High),
                ChatMessageContentPart.CreateTextPart(request.PromptText)),
        ];
        var chatOptions = new ChatCompletionOptions
        {
            MaxOutputTokenCount = options.Value.MaxOutputTokens,
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("photo_description", Schema, jsonSchemaIsStrict: true),
        };

        ChatCompletion completion;
        try
        {
            completion = await chat.CompleteChatAsync(messages, chatOptions, cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RetryLaterException($"OpenAI did not answer within {openAiOptions.Value.TimeoutSeconds} s (timeout).");
        }
        catch (ClientResultException ex) when (ex.Status == 0)
        {
            throw new RetryLaterException("OpenAI could not be reached: " + ex.Message, null, ex);
        }
        catch (ClientResultException ex)
        {
            throw Translate(ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new RetryLaterException("OpenAI could not be reached: " + ex.Message, null, ex);
        }

        var text = completion.Content.FirstOrDefault()?.Text;
        (string, List<string>, int?, string?)? answer = null;
        if (!string.IsNullOrWhiteSpace(text))
        {
            try
            {
                using var json = JsonDocument.Parse(text);
                var root = json.RootElement.Clone();
                answer = root.ValueKind == JsonValueKind.Object
                    ? DescriptionSchema.Read(name => root.TryGetProperty(name, out var value) ? value : null)
                    : null;
            }
            catch (JsonException)
            {
                answer = null;
            }
        }
        if (answer is not { } a)
        {
            throw new PermanentJobException($"OpenAI returned no description (finish reason: {completion.FinishReason}).");
        }
        return new VisionResult(a.Item1, a.Item2, a.Item3, a.Item4, completion.Usage.InputTokenCount, completion.Usage.OutputTokenCount, completion.Model);
    }

    internal static Exception Translate(ClientResultException ex)
    {
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
            401 => new PermanentJobException("OpenAI rejected the key (401) — check Settings.", ex),
            403 => new PermanentJobException($"OpenAI refused the request (403): {detail}", ex),
            404 => new PermanentJobException($"OpenAI does not know this model (404): {detail}", ex),
            413 => new PermanentJobException($"Image too large for the provider: {detail}", ex),
            400 when detail.Contains("image", StringComparison.OrdinalIgnoreCase) => new PermanentJobException($"Image too large for the provider: {detail}", ex),
            400 => new PermanentJobException($"OpenAI rejected the request (400): {detail}", ex),
            // insufficient_quota is a billing cap, not a rate: retrying cannot help.
            429 when detail.Contains("quota", StringComparison.OrdinalIgnoreCase) => new PermanentJobException($"OpenAI spend limit reached (429): {detail}", ex),
            429 => new RetryLaterException($"OpenAI rate limit (429): {detail}", retryAfter, ex),
            408 or >= 500 => new RetryLaterException($"OpenAI server error ({ex.Status}).", retryAfter, ex),
            _ => new PermanentJobException($"OpenAI answered {ex.Status}: {detail}", ex),
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
