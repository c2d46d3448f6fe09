namespace TargetVision.Api.Integrations.OpenAI;

public sealed class OpenAIOptions
{
    public const string Section = "OpenAI";

    /// <summary>API base including /v1. Null = https://api.openai.com/v1.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Default vision-capable chat model.</summary>
    public string Model { get; set; } = "gpt-4.1-mini";

    public int TimeoutSeconds { get; set; } = 120;
}
