using TargetVision.Api.Features.Ai;

namespace TargetVision.Api.Features.Processing;

/// <summary>A provider's answer with what it cost and how long it took.</summary>
public sealed record DescriptionOutcome(VisionResult Result, AiModel Model, decimal CostUsd, int LatencyMs);
