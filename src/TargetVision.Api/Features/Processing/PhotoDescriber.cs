using System.Diagnostics;
using Microsoft.Extensions.Options;
using TargetVision.Api.Features.Library;
using TargetVision.Api.Features.Settings;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Infrastructure.Jobs;

namespace TargetVision.Api.Features.Processing;

/// <summary>
/// One description, end to end and without saving: fetch a ≈1568 px image, fit it to the provider's limits, wait for
/// the provider's rate-limit slot, call it, price the usage. Used by the describe job and by "test this prompt".
/// </summary>
public sealed class PhotoDescriber(
    IPhotoImageSource images,
    ImagePreparer preparer,
    ProviderRateLimiter rateLimiter,
    IEnumerable<IVisionDescriber> describers,
    ModelCatalog catalog,
    SettingsStore settings,
    AppDbContext db,
    TimeProvider clock,
    IOptions<AiProcessingOptions> options)
{
    /// <summary>Describes a library photo; <c>beforeCall</c> runs after the rate-limit wait, right before the paid call.</summary>
    public async Task<DescriptionOutcome> DescribePhotoAsync(Photo photo, string modelId, string promptText, CancellationToken ct, Func<CancellationToken, Task>? beforeCall = null)
    {
        var model = catalog.Find(modelId) ?? throw new PermanentJobException($"The model '{modelId}' is not in the model table (Ai:Models).");
        var apiKey = await RequireKeyAsync(model.Provider, ct);
        var image = await images.GetImageAsync(photo, options.Value.LongEdge, ct);
        var prepared = preparer.Prepare(image.Bytes, image.ContentType);
        return await CallAsync(model, apiKey, promptText, prepared, ct, beforeCall);
    }

    public async Task<DescriptionOutcome> DescribeBytesAsync(byte[] bytes, string? contentType, string modelId, string promptText, CancellationToken ct)
    {
        var model = catalog.Find(modelId) ?? throw new PermanentJobException($"The model '{modelId}' is not in the model table (Ai:Models).");
        var apiKey = await RequireKeyAsync(model.Provider, ct);
        return await CallAsync(model, apiKey, promptText, preparer.Prepare(bytes, contentType), ct);
    }

    /// <summary>Records a paid call for the usage report (prompt tests; descriptions record theirs with the version).</summary>
    public async Task RecordUsageAsync(DescriptionOutcome outcome, string purpose, int? photoId, CancellationToken ct)
    {
        db.Add(Usage(outcome, purpose, photoId, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
    }

    public static AiUsageRecord Usage(DescriptionOutcome outcome, string purpose, int? photoId, DateTimeOffset now) => new()
    {
        Provider = outcome.Model.Provider,
        Model = outcome.Model.Id,
        Purpose = purpose,
        PhotoId = photoId,
        InputTokens = outcome.Result.InputTokens,
        OutputTokens = outcome.Result.OutputTokens,
        CostUsd = outcome.CostUsd,
        LatencyMs = outcome.LatencyMs,
        CreatedAt = now,
    };

    private async Task<DescriptionOutcome> CallAsync(AiModel model, string apiKey, string promptText, PreparedImage image, CancellationToken ct, Func<CancellationToken, Task>? beforeCall = null)
    {
        var describer = describers.FirstOrDefault(d => d.Provider == model.Provider)
            ?? throw new PermanentJobException($"No client for provider '{model.Provider}'.");
        await rateLimiter.WaitAsync(model.Provider, ct);
        if (beforeCall is not null)
        {
            await beforeCall(ct);
        }
        var stopwatch = Stopwatch.StartNew();
        VisionResult result;
        try
        {
            result = await describer.DescribeAsync(new VisionRequest(apiKey, model.Id, promptText, image), ct);
        }
        catch (RetryLaterException ex) when (ex.RetryAfter is { } retryAfter)
        {
            // The queue uses a server's hint as is; a little jitter keeps jobs that were refused together apart.
            var jitter = TimeSpan.FromSeconds(Random.Shared.NextDouble() * options.Value.RetryJitterSeconds);
            throw new RetryLaterException(ex.Message, retryAfter + jitter, ex.InnerException);
        }
        var latency = (int)stopwatch.ElapsedMilliseconds;
        return new DescriptionOutcome(result, model, model.Cost(result.InputTokens, result.OutputTokens), latency);
    }

    private async Task<string> RequireKeyAsync(string provider, CancellationToken ct)
    {
        var name = provider == "openai" ? SecretName.OpenAiApiKey : SecretName.AnthropicApiKey;
        return await settings.GetSecretAsync(name, ct)
            ?? throw new PermanentJobException($"No {(provider == "openai" ? "OpenAI" : "Anthropic")} API key is configured — add it in Settings.");
    }
}
