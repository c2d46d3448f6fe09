namespace TargetVision.Api.Features.Processing;

/// <summary>One description call: which model, the user's prompt text and the prepared image.</summary>
public sealed record VisionRequest(string ApiKey, string Model, string PromptText, PreparedImage Image);
