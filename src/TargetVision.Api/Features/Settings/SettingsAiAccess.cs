using TargetVision.Api.Features.Ai;
using TargetVision.Api.Integrations.Anthropic;
using TargetVision.Api.Integrations.OpenAI;

namespace TargetVision.Api.Features.Settings;

/// <summary>The AI layer's view of the settings: which secret and which model preference belong to a provider.</summary>
public sealed class SettingsAiAccess(SettingsStore store) : IAiSettings
{
    public async Task<AiPreferences> GetPreferencesAsync(CancellationToken ct)
    {
        var p = await store.GetPreferencesAsync(ct);
        return new AiPreferences(p.AiProvider, new Dictionary<string, string>
        {
            [AnthropicProvider.ProviderId] = p.AnthropicModel,
            [OpenAIProvider.ProviderId] = p.OpenAiModel,
        });
    }

    public async Task<string?> GetApiKeyAsync(string provider, CancellationToken ct) =>
        SecretOf(provider) is { } name ? await store.GetSecretAsync(name, ct) : null;

    public async Task<AiKeyStatus> GetKeyStatusAsync(string provider, CancellationToken ct)
    {
        var secrets = (await store.GetAsync(ct)).Secrets;
        var status = SecretOf(provider) switch
        {
            SecretName.AnthropicApiKey => secrets.AnthropicApiKey,
            SecretName.OpenAiApiKey => secrets.OpenAiApiKey,
            _ => null,
        };
        return status is null ? new AiKeyStatus(false, "none", null, null)
            : new AiKeyStatus(status.IsSet, status.Source, status.LastValidatedAt, status.LastValidationOk);
    }

    public async Task RecordKeyValidationAsync(string provider, bool ok, CancellationToken ct)
    {
        if (SecretOf(provider) is { } name)
        {
            await store.RecordValidationAsync(name, ok, ct);
        }
    }

    private static SecretName? SecretOf(string provider) => provider switch
    {
        AnthropicProvider.ProviderId => SecretName.AnthropicApiKey,
        OpenAIProvider.ProviderId => SecretName.OpenAiApiKey,
        _ => null,
    };
}
