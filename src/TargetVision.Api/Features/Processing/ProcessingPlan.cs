using TargetVision.Api.Features.Ai;

namespace TargetVision.Api.Features.Processing;

/// <summary>A validated request: the photos to describe (id, width, height), what was skipped, model and prompt.</summary>
public sealed record ProcessingPlan(
    IReadOnlyList<(int Id, int? Width, int? Height)> Photos, int AlreadyDescribed, int InProgress, AiModel Model, ResolvedPrompt Prompt, string Title);
