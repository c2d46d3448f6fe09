namespace TargetVision.Api.Infrastructure.Http;

public sealed class HttpLimitsOptions
{
    public const string Section = "Http";

    /// <summary>Largest accepted request body; bigger bodies get 413 problem+json.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1_048_576;
}
