using Microsoft.Extensions.AI;
using TargetVision.Api.Integrations.Ai;

namespace TargetVision.Api.Features.Ai;

/// <summary>
/// The one place that picks a provider: from the model asked for, else from the owner's preferred provider and its
/// preferred model. It hands out <see cref="IChatClient"/>s that carry the stored key, wait for the shared rate
/// limit and raise only <see cref="AiProviderException"/>s — for describe, key tests and (later) chat, which can
/// stream and call tools through the same client.
/// </summary>
public sealed class AiClients(IEnumerable<IAiProvider> providers, ModelCatalog catalog, IAiSettings settings, AiRateLimiter limiter)
{
    private readonly Dictionary<string, IAiProvider> byId = providers.ToDictionary(p => p.Id, StringComparer.Ordinal);

    public IReadOnlyCollection<IAiProvider> Providers => byId.Values;

    public IAiProvider? FindProvider(string? id) => id is null ? null : byId.GetValueOrDefault(id);

    /// <summary>The requested model, or the preferred provider's preferred model; it must be priced and have a key.</summary>
    public async Task<(AiModel? Model, string? Error)> ResolveModelAsync(string? requested, CancellationToken ct)
    {
        var id = string.IsNullOrWhiteSpace(requested) ? (await settings.GetPreferencesAsync(ct)).PreferredModel : requested.Trim();
        var model = catalog.Find(id);
        if (model is null)
        {
            return (null, $"Unknown model '{id}'. Choose one of: {string.Join(", ", catalog.Models.Select(m => m.Id))}.");
        }
        if (await settings.GetApiKeyAsync(model.Provider, ct) is null)
        {
            return (null, MissingKey(model.Provider));
        }
        return (model, null);
    }

    /// <summary>
    /// A rate-limited chat client for a model of the table, with the stored key. <paramref name="afterSlot"/> runs
    /// after each rate-limit wait, right before the paid request.
    /// </summary>
    public async Task<AiChat> OpenChatAsync(string modelId, CancellationToken ct, Func<CancellationToken, Task>? afterSlot = null)
    {
        var model = catalog.Find(modelId) ?? throw new AiBadRequestException(null, $"The model '{modelId}' is not in the model table (Ai:Models).");
        var provider = Provider(model.Provider);
        var key = await settings.GetApiKeyAsync(provider.Id, ct) ?? throw new AiBadKeyException(provider.Id, MissingKey(provider.Id));
        var client = new RateLimitedChatClient(provider.CreateChatClient(key, model.Id), limiter, provider.Id, afterSlot);
        return new AiChat(provider, model, client);
    }

    /// <summary>A chat client for a key that may not be stored (key tests): no rate limit, one request.</summary>
    public IChatClient CreateUnmeteredChatClient(string providerId, string apiKey, string modelId) =>
        Provider(providerId).CreateChatClient(apiKey, modelId);

    private IAiProvider Provider(string id) =>
        FindProvider(id) ?? throw new AiBadRequestException(id, $"No client for provider '{id}'.");

    private string MissingKey(string provider) =>
        $"No {FindProvider(provider)?.DisplayName ?? provider} API key is configured — add it in Settings.";
}

/// <summary>A chat client bound to one model, with the provider that serves it.</summary>
public sealed record AiChat(IAiProvider Provider, AiModel Model, IChatClient Client);
