using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TargetVision.Api.Features.Ai;
using TargetVision.Api.Infrastructure;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Integrations.Anthropic;
using TargetVision.Api.Integrations.OpenAI;

namespace TargetVision.Api.Features.Settings;

/// <summary>
/// Effective settings: values saved in the UI override environment defaults. Secrets are encrypted with Data
/// Protection (key ring in PostgreSQL, shared by replicas) and only ever leave this class in full to the code that
/// calls a provider — never to the API.
/// </summary>
public sealed class SettingsStore(
    AppDbContext db,
    IDataProtectionProvider dataProtection,
    IOptions<SecretsOptions> environmentSecrets,
    IOptions<AiOptions> ai,
    IOptions<AnthropicOptions> anthropic,
    IOptions<OpenAIOptions> openAi,
    IOptions<AppOptions> app,
    TimeProvider clock,
    ILogger<SettingsStore> logger)
{
    private const string SecretPrefix = "secret:";
    private const string PreferencePrefix = "pref:";
    private readonly IDataProtector protector = dataProtection.CreateProtector("TargetVision.Settings.Secrets.v1");

    public static readonly IReadOnlyList<string> Providers = [AnthropicProvider.ProviderId, OpenAIProvider.ProviderId];

    public async Task<string?> GetSecretAsync(SecretName name, CancellationToken ct)
    {
        var row = await db.Set<AppSetting>().AsNoTracking().SingleOrDefaultAsync(s => s.Key == SecretKey(name), ct);
        return Unprotect(name, row) ?? NullIfEmpty(environmentSecrets.Value.Get(name));
    }

    public async Task<SettingsResponse> GetAsync(CancellationToken ct)
    {
        var rows = await db.Set<AppSetting>().AsNoTracking().ToDictionaryAsync(s => s.Key, ct);
        SecretStatus Describe(SecretName name)
        {
            rows.TryGetValue(SecretKey(name), out var row);
            var saved = Unprotect(name, row);
            var value = saved ?? NullIfEmpty(environmentSecrets.Value.Get(name));
            var source = saved is not null ? "saved" : value is not null ? "environment" : "none";
            return new SecretStatus(value is not null, source, value is null ? null : LastFour(value), row?.ValidatedAt, row?.ValidationOk);
        }
        string? Pref(string key) => rows.TryGetValue(PreferencePrefix + key, out var row) ? row.Value : null;

        return new SettingsResponse(
            new SecretsView(Describe(SecretName.AnthropicApiKey), Describe(SecretName.OpenAiApiKey), Describe(SecretName.SmugMugApiKey), Describe(SecretName.SmugMugApiSecret)),
            new PreferencesView(
                Pref("aiProvider") ?? ai.Value.Provider,
                Pref("anthropicModel") ?? anthropic.Value.Model,
                Pref("openAiModel") ?? openAi.Value.Model,
                Pref("publicBaseUrl") ?? app.Value.PublicBaseUrl));
    }

    public async Task<PreferencesView> GetPreferencesAsync(CancellationToken ct) => (await GetAsync(ct)).Preferences;

    /// <summary>Applies the whole update in one transaction: either every field is saved or none.</summary>
    public async Task UpdateAsync(SettingsUpdateRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = await db.Set<AppSetting>().ToDictionaryAsync(s => s.Key, ct);
        AppSetting Row(string key)
        {
            if (!rows.TryGetValue(key, out var row))
            {
                row = new AppSetting { Key = key };
                rows[key] = row;
                db.Add(row);
            }
            row.UpdatedAt = now;
            return row;
        }

        if (request.Secrets is { } secrets)
        {
            foreach (var (name, value) in SecretFields(secrets))
            {
                if (value is null)
                {
                    continue;
                }
                var row = Row(SecretKey(name));
                row.ValueEncrypted = value.Length == 0 ? null : protector.Protect(value.Trim());
                row.Value = null;
                row.ValidatedAt = null;
                row.ValidationOk = null;
            }
        }
        if (request.Preferences is { } p)
        {
            foreach (var (key, value) in new[] { ("aiProvider", p.AiProvider), ("anthropicModel", p.AnthropicModel), ("openAiModel", p.OpenAiModel), ("publicBaseUrl", p.PublicBaseUrl) })
            {
                if (value is not null)
                {
                    Row(PreferencePrefix + key).Value = value.Length == 0 ? null : value.Trim();
                }
            }
        }
        await db.SaveChangesAsync(ct);
    }

    public async Task RecordValidationAsync(SecretName name, bool ok, CancellationToken ct)
    {
        var key = SecretKey(name);
        var row = await db.Set<AppSetting>().SingleOrDefaultAsync(s => s.Key == key, ct);
        if (row is null)
        {
            row = new AppSetting { Key = key, UpdatedAt = clock.GetUtcNow() };
            db.Add(row);
        }
        row.ValidatedAt = clock.GetUtcNow();
        row.ValidationOk = ok;
        await db.SaveChangesAsync(ct);
    }

    public static IEnumerable<(SecretName Name, string? Value)> SecretFields(SecretsUpdate secrets) =>
    [
        (SecretName.AnthropicApiKey, secrets.AnthropicApiKey),
        (SecretName.OpenAiApiKey, secrets.OpenAiApiKey),
        (SecretName.SmugMugApiKey, secrets.SmugMugApiKey),
        (SecretName.SmugMugApiSecret, secrets.SmugMugApiSecret),
    ];

    public static string LastFour(string secret) => secret.Length <= 4 ? "" : secret[^4..];

    private static string SecretKey(SecretName name) => SecretPrefix + name;

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private string? Unprotect(SecretName name, AppSetting? row)
    {
        if (row?.ValueEncrypted is null)
        {
            return null;
        }
        try
        {
            return protector.Unprotect(row.ValueEncrypted);
        }
        catch (CryptographicException)
        {
            // A lost or rotated-away key ring makes the saved value unreadable; fall back to the environment
            // rather than failing every request, and say so once per read.
            logger.LogWarning("The saved {Secret} cannot be decrypted (Data Protection key ring changed?); save it again", name);
            return null;
        }
    }
}
