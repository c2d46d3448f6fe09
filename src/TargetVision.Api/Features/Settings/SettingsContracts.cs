namespace TargetVision.Api.Features.Settings;

public sealed record SecretStatus(bool IsSet, string Source, string? Last4, DateTimeOffset? LastValidatedAt, bool? LastValidationOk);

public sealed record SecretsView(SecretStatus AnthropicApiKey, SecretStatus OpenAiApiKey, SecretStatus SmugMugApiKey, SecretStatus SmugMugApiSecret);

public sealed record PreferencesView(string AiProvider, string AnthropicModel, string OpenAiModel, string? PublicBaseUrl);

public sealed record SettingsResponse(SecretsView Secrets, PreferencesView Preferences);

/// <summary>Every field optional: null/absent = unchanged; an empty secret clears the saved value.</summary>
public sealed record SecretsUpdate(string? AnthropicApiKey, string? OpenAiApiKey, string? SmugMugApiKey, string? SmugMugApiSecret);

public sealed record PreferencesUpdate(string? AiProvider, string? AnthropicModel, string? OpenAiModel, string? PublicBaseUrl);

public sealed record SettingsUpdateRequest(SecretsUpdate? Secrets, PreferencesUpdate? Preferences);

public sealed record TestKeyRequest(string? Provider, string? ApiKey);

