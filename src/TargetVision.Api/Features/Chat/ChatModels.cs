using TargetVision.Api.Features.Ai;

namespace TargetVision.Api.Features.Chat;

/// <summary>
/// The model a turn uses: the one chosen in Settings; when its provider has no key, the other provider's chosen (or
/// default) model if that one has a key. With no key at all, a sentence saying so.
/// </summary>
public sealed class ChatModels(AiClients ai, IAiSettings settings)
{
    public const string NoKeyMessage =
        "Chat needs an Anthropic or OpenAI API key — add one in Settings. Until then you can run your question as a plain search.";

    public async Task<(AiModel? Model, string? Message)> ResolveAsync(CancellationToken ct)
    {
        var (model, _) = await ai.ResolveModelAsync(null, ct);
        if (model is not null)
        {
            return (model, null);
        }
        var preferences = await settings.GetPreferencesAsync(ct);
        foreach (var provider in ai.Providers.OrderBy(p => p.Id == preferences.Provider ? 0 : 1))
        {
            var (candidate, _) = await ai.ResolveModelAsync(preferences.ModelFor(provider.Id) ?? provider.DefaultModel, ct);
            if (candidate is not null)
            {
                return (candidate, null);
            }
        }
        return (null, NoKeyMessage);
    }
}
