namespace TargetVision.Api.Features.Processing;

/// <summary>Knobs of the description pipeline (section "Ai", next to the AI layer's own <see cref="Ai.AiOptions"/>).</summary>
public sealed class AiProcessingOptions
{
    public const string Section = "Ai";

    /// <summary>Long edge of the SmugMug size fetched for a description (Anthropic's recommended maximum).</summary>
    public int LongEdge { get; set; } = 1568;

    /// <summary>Pixel budget: bigger images are downscaled by the provider anyway (latency, no gain).</summary>
    public double MaxMegapixels { get; set; } = 1.15;

    /// <summary>
    /// Raw bytes sent per image. The 5 MB provider limit applies to the base64 text (4/3 of the bytes), so 3.75 MB
    /// raw stays under it with room to spare.
    /// </summary>
    public int MaxImageBytes { get; set; } = 3_750_000;

    public int JpegQuality { get; set; } = 85;

    /// <summary>Upper bound on the answer (a description plus 20 keywords is far below it).</summary>
    public int MaxOutputTokens { get; set; } = 1024;

    /// <summary>Estimate inputs: tokens of the prompt and tool schema, and of a typical answer.</summary>
    public int EstimatedPromptTokens { get; set; } = 600;

    public int EstimatedOutputTokens { get; set; } = 250;

    /// <summary>Largest upload accepted by "test this prompt".</summary>
    public int MaxTestUploadBytes { get; set; } = 10 * 1024 * 1024;
}
