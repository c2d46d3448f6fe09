using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Microsoft.Extensions.Options;
using TargetVision.Api.Features.Processing;
using TargetVision.Api.Infrastructure.Jobs;

namespace TargetVision.Api.Integrations.Anthropic;

/// <summary>
/// Claude vision through the official SDK with a forced tool, so the answer arrives as validated JSON input rather
/// than text to repair. The SDK's own retries are off: the job queue retries, visibly and cancellably.
/// </summary>
public sealed class AnthropicVisionDescriber(AnthropicClientFactory factory, IOptions<AiProcessingOptions> options, IOptions<AnthropicOptions> anthropicOptions) : IVisionDescriber
{
    public string Provider => "anthropic";

    public async Task<VisionResult> DescribeAsync(VisionRequest request, CancellationToken cancellationToken)
    {
        var client = factory.Create(request.ApiKey, maxRetries: 0);
        var parameters = new MessageCreateParams
        {
            Model = request.Model,
            MaxTokens = options.Value.MaxOutputTokens,
            System = DescriptionSchema.SystemPrompt,
            Messages =
            [
                // Image before text, as Anthropic recommends for vision prompts.
                new UserMessageParam(new List<ContentBlockParam>
                {
                    new ImageBlockParam(new Base64ImageSource { Data = Convert.ToBase64String(request.Image.Bytes), MediaType = MediaTypeOf(request.Image.MediaType) }),
                    new TextBlockParam(request.PromptText),
                }),
            ],
            Tools =
            [
                new Tool
                {
                    Name = DescriptionSchema.ToolName,
                    Description = "Record the description and keywords of the photo.",
                    InputSchema = new InputSchema
                    {
                        Properties = new Dictionary<string, System.Text.Json.JsonElement>(DescriptionSchema.Properties),
                        Required = [.. DescriptionSchema.Required],
                    },
                },
            ],
            ToolChoice = new ToolChoiceTool(DescriptionSchema.ToolName),
        };

        var capture = RetryAfterCapture.Begin();
        Message message;
        try
        {
            message = await client.Messages.Create(parameters, cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RetryLaterException($"Anthropic did not answer within {anthropicOptions.Value.TimeoutSeconds} s (timeout).");
        }
        catch (AnthropicApiException ex)
        {
            throw Translate(ex, capture.RetryAfter);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or AnthropicIOException)
        {
            throw new RetryLaterException("Anthropic could not be reached: " + ex.Message, null, ex);
        }

        var toolUse = message.Content.Select(block => block.TryPickToolUse(out var tu) ? tu : null).FirstOrDefault(tu => tu is not null);
        var answer = toolUse is null ? null : DescriptionSchema.Read(name => toolUse.Input.TryGetValue(name, out var value) ? value : null);
        if (answer is not { } a)
        {
            throw new PermanentJobException($"Anthropic returned no description (stop reason: {message.StopReason?.Raw()}).");
        }
        return new VisionResult(a.Description, a.Keywords, a.PeopleCount, a.Setting, message.Usage.InputTokens, message.Usage.OutputTokens, message.Model.Raw());
    }

    private static MediaType MediaTypeOf(string mediaType) => mediaType switch
    {
        "image/png" => MediaType.ImagePng,
        "image/webp" => MediaType.ImageWebP,
        "image/gif" => MediaType.ImageGif,
        _ => MediaType.ImageJpeg,
    };

    /// <summary>Status → retry or fail, with the server's own words where they help the user.</summary>
    internal static Exception Translate(AnthropicApiException ex, TimeSpan? retryAfter)
    {
        var status = (int)ex.StatusCode;
        var detail = ex is AnthropicServiceException service && !string.IsNullOrWhiteSpace(service.ApiMessage) ? service.ApiMessage : ex.Message;
        return status switch
        {
            401 => new PermanentJobException("Anthropic rejected the key (401) — check Settings.", ex),
            403 => new PermanentJobException($"Anthropic refused the request (403): {detail}", ex),
            404 => new PermanentJobException($"Anthropic does not know this model (404): {detail}", ex),
            413 => new PermanentJobException($"Image too large for the provider: {detail}", ex),
            400 when detail.Contains("image", StringComparison.OrdinalIgnoreCase) => new PermanentJobException($"Image too large for the provider: {detail}", ex),
            400 => new PermanentJobException($"Anthropic rejected the request (400): {detail}", ex),
            429 when IsSpendLimit(detail) => new PermanentJobException($"Anthropic spend limit reached (429): {detail}", ex),
            429 => new RetryLaterException($"Anthropic rate limit (429): {detail}", retryAfter, ex),
            529 => new RetryLaterException("Anthropic is overloaded (529).", retryAfter, ex),
            408 or >= 500 => new RetryLaterException($"Anthropic server error ({status}).", retryAfter, ex),
            _ => new PermanentJobException($"Anthropic answered {status}: {detail}", ex),
        };
    }

    // A workspace or organisation spend cap is also a 429, but waiting a minute does not lift it.
    private static bool IsSpendLimit(string detail) =>
        detail.Contains("spend limit", StringComparison.OrdinalIgnoreCase)
        || detail.Contains("usage limit", StringComparison.OrdinalIgnoreCase)
        || detail.Contains("credit balance", StringComparison.OrdinalIgnoreCase);
}
