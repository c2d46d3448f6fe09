namespace TargetVision.Api.Features.Processing;

/// <summary>An ai.describe job: the photo, and the model and exact prompt version chosen when the batch was created.</summary>
public sealed record DescribeJobPayload(int PhotoId, string Model, int PromptId, int PromptVersion)
{
    public const string Kind = "ai.describe";

    public static string IdempotencyKey(int photoId, Guid batchId) => $"describe:{photoId}:{batchId}";
}
