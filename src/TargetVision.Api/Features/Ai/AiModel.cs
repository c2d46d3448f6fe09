namespace TargetVision.Api.Features.Ai;

/// <summary>One row of the model table (Ai:Models): what it is and what it costs per million tokens.</summary>
public sealed class AiModel
{
    public string Id { get; set; } = "";

    /// <summary>anthropic or openai.</summary>
    public string Provider { get; set; } = "";

    public string Label { get; set; } = "";

    /// <summary>fast, balanced or best.</summary>
    public string Speed { get; set; } = "balanced";

    public decimal InputPerMTok { get; set; }

    public decimal OutputPerMTok { get; set; }

    public decimal Cost(long inputTokens, long outputTokens) =>
        Math.Round((inputTokens * InputPerMTok + outputTokens * OutputPerMTok) / 1_000_000m, 6);
}
