namespace TargetVision.Api.Features.Ai;

/// <summary>
/// What the AI layer needs from the owner's settings: keys and model preferences. The Settings feature implements
/// it, so AI code never reads secrets storage itself.
/// </summary>
public interface IAiSettings
{
    Task<AiPreferences> GetPreferencesAsync(CancellationToken ct);

    /// <summary>The key in force for a provider (saved in the UI, else from the environment), or null.</summary>
    Task<string?> GetApiKeyAsync(string provider, CancellationToken ct);

    Task<AiKeyStatus> GetKeyStatusAsync(string provider, CancellationToken ct);

    /// <summary>Remembers whether the stored key of a provider passed its last test.</summary>
    Task RecordKeyValidationAsync(string provider, bool ok, CancellationToken ct);
}

/// <summary>The preferred provider and, per provider id, the preferred model.</summary>
public sealed record AiPreferences(string Provider, IReadOnlyDictionary<string, string> ModelByProvider)
{
    public string? ModelFor(string provider) => ModelByProvider.GetValueOrDefault(provider);

    /// <summary>The model new work uses when none is asked for.</summary>
    public string? PreferredModel => ModelFor(Provider);
}

public sealed record AiKeyStatus(bool IsSet, string Source, DateTimeOffset? LastValidatedAt, bool? LastValidationOk);
