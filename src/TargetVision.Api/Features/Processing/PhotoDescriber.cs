using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using TargetVision.Api.Features.Ai;
using TargetVision.Api.Features.Library;
using TargetVision.Api.Integrations.Ai;

namespace TargetVision.Api.Features.Processing;

/// <summary>
/// One description, end to end and without saving: fetch a ≈1568 px image, fit it to the provider's limits, ask the
/// AI layer's chat client for the structured answer (it waits for the rate-limit slot), price the usage. Used by the
/// describe job and by "test this prompt". Provider failures leave as <see cref="AiProviderException"/>s.
/// </summary>
public sealed class PhotoDescriber(
    IPhotoImageSource images,
    ImagePreparer preparer,
    AiClients ai,
    AiUsageRecorder usage,
    IOptions<AiProcessingOptions> options)
{
    /// <summary>Describes a library photo; <c>beforeCall</c> runs after the rate-limit wait, right before the paid call.</summary>
    public async Task<DescriptionOutcome> DescribePhotoAsync(Photo photo, string modelId, string promptText, CancellationToken ct, Func<CancellationToken, Task>? beforeCall = null)
    {
        var stopwatch = new Stopwatch();
        var chat = await ai.OpenChatAsync(modelId, ct, StartTiming(stopwatch, beforeCall));
        var image = await images.GetImageAsync(photo, options.Value.LongEdge, ct);
        var prepared = preparer.Prepare(image.Bytes, image.ContentType);
        return await CallAsync(chat, promptText, prepared, stopwatch, ct);
    }

    public async Task<DescriptionOutcome> DescribeBytesAsync(byte[] bytes, string? contentType, string modelId, string promptText, CancellationToken ct)
    {
        var stopwatch = new Stopwatch();
        var chat = await ai.OpenChatAsync(modelId, ct, StartTiming(stopwatch, null));
        return await CallAsync(chat, promptText, preparer.Prepare(bytes, contentType), stopwatch, ct);
    }

    /// <summary>Records a paid call for the usage report (prompt tests; descriptions record theirs with the version).</summary>
    public Task RecordUsageAsync(DescriptionOutcome outcome, string purpose, int? photoId, CancellationToken ct) =>
        usage.RecordAsync(Call(outcome), purpose, photoId, ct);

    public static AiUsageRecord Usage(DescriptionOutcome outcome, string purpose, int? photoId, DateTimeOffset now) =>
        Call(outcome).ToRecord(purpose, photoId, now);

    private static AiCall Call(DescriptionOutcome outcome) =>
        new(outcome.Model, outcome.Result.InputTokens, outcome.Result.OutputTokens, outcome.LatencyMs);

    // Latency is the provider's, not the rate-limit wait's: the clock starts once the slot is ours.
    private static Func<CancellationToken, Task> StartTiming(Stopwatch stopwatch, Func<CancellationToken, Task>? beforeCall) => async token =>
    {
        if (beforeCall is not null)
        {
            await beforeCall(token);
        }
        stopwatch.Restart();
    };

    private async Task<DescriptionOutcome> CallAsync(AiChat chat, string promptText, PreparedImage image, Stopwatch stopwatch, CancellationToken ct)
    {
        var output = DescriptionSchema.Output;
        var chatOptions = new ChatOptions { MaxOutputTokens = options.Value.MaxOutputTokens };
        chat.Provider.RequestStructuredOutput(chatOptions, output);
        List<ChatMessage> messages =
        [
            new(ChatRole.System, DescriptionSchema.SystemPrompt(chat.Provider.StructuredOutputPhrase(output))),
            // Image before text, as Anthropic recommends for vision prompts; "detail" is read by OpenAI only.
            new(ChatRole.User,
            [
                new DataContent(image.Bytes, image.MediaType) { AdditionalProperties = new() { ["detail"] = "high" } },
                new TextContent(promptText),
            ]),
        ];

        var response = await chat.Client.GetResponseAsync(messages, chatOptions, ct);
        var latency = (int)stopwatch.ElapsedMilliseconds;
        var answer = output.Read(response) is { } json
            ? DescriptionSchema.Read(name => json.TryGetProperty(name, out var value) ? value : null)
            : null;
        if (answer is not { } a)
        {
            throw new AiBadRequestException(chat.Provider.Id, $"{chat.Provider.DisplayName} returned no description (finish reason: {response.FinishReason?.Value ?? "none"}).");
        }
        var result = new VisionResult(a.Description, a.Keywords, a.PeopleCount, a.Setting,
            response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0, response.ModelId ?? chat.Model.Id);
        return new DescriptionOutcome(result, chat.Model, chat.Model.Cost(result.InputTokens, result.OutputTokens), latency);
    }
}
