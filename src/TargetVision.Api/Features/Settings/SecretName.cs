namespace TargetVision.Api.Features.Settings;

/// <summary>The secrets the settings area manages.</summary>
public enum SecretName
{
    AnthropicApiKey,
    OpenAiApiKey,
    SmugMugApiKey,
    SmugMugApiSecret,
}

/// <summary>Environment defaults for the secrets (ANTHROPIC_API_KEY, … or their _FILE variants).</summary>
public sealed class SecretsOptions
{
    public const string Section = "Secrets";
    public string? AnthropicApiKey { get; set; }
    public string? OpenAiApiKey { get; set; }
    public string? SmugMugApiKey { get; set; }
    public string? SmugMugApiSecret { get; set; }

    public string? Get(SecretName name) => name switch
    {
        SecretName.AnthropicApiKey => AnthropicApiKey,
        SecretName.OpenAiApiKey => OpenAiApiKey,
        SecretName.SmugMugApiKey => SmugMugApiKey,
        SecretName.SmugMugApiSecret => SmugMugApiSecret,
        _ => null,
    };
}
