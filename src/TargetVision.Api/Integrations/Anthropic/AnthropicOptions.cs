namespace TargetVision.Api.Integrations.Anthropic;

public sealed class AnthropicOptions
{
    public const string Section = "Anthropic";

    /// <summary>API base without /v1 (the SDK appends it). Null = https://api.anthropic.com.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Default model for descriptions.</summary>
    public string Model { get; set; } = "claude-sonnet-4-5";

    public int TimeoutSeconds { get; set; } = 120;
}
