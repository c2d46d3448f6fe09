namespace TargetVision.Api.Features.Processing;

/// <summary>What a finished ai.describe job leaves behind: the version it produced (or found already paid for).</summary>
public sealed record DescribeJobResult(int Version, decimal CostUsd, bool Reused = false);
