namespace TargetVision.Api.Features.Processing;

/// <summary>
/// A provider's vision call with structured output. Implementations translate every provider failure into
/// RetryLaterException (429/529/5xx/timeouts, with the server's retry-after) or PermanentJobException (bad key,
/// bad image, spend limit) with a sentence the user can act on, and honour the cancellation token.
/// </summary>
public interface IVisionDescriber
{
    /// <summary>anthropic or openai.</summary>
    string Provider { get; }

    Task<VisionResult> DescribeAsync(VisionRequest request, CancellationToken cancellationToken);
}
