using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TargetVision.Api.Features.Settings;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Integrations.SmugMug;

namespace TargetVision.Api.Features.SmugMug;

/// <summary>
/// The three-legged OAuth flow. The request-token secret is stored (encrypted) in the database with an expiry, and
/// the callback must come from the browser that started it: a random state travels in an HttpOnly cookie and only
/// its hash is stored, so a callback URL replayed elsewhere (or forged for another session) is refused.
/// </summary>
public sealed class SmugMugConnectFlow(
    AppDbContext db, SmugMugAccountStore accounts, SmugMugClient client, SettingsStore settings, ListingCache cache,
    IDataProtectionProvider dataProtection, IOptions<SmugMugOptions> options, TimeProvider clock)
{
    public const string StateCookie = "tv_smugmug_state";
    public const string CallbackPath = "/api/smugmug/oauth/callback";

    private readonly IDataProtector protector = dataProtection.CreateProtector("TargetVision.SmugMug.RequestTokens.v1");

    /// <summary>
    /// Null when the consumer key pair is not configured. <paramref name="permissions"/> is what to ask SmugMug for
    /// (null: the configured default, Read); the account records it when the flow completes.
    /// </summary>
    public async Task<string?> BeginAsync(HttpContext http, string? permissions, CancellationToken ct)
    {
        var consumer = await accounts.GetConsumerAsync(ct);
        if (consumer is null)
        {
            return null;
        }
        var baseUrl = (await settings.GetPreferencesAsync(ct)).PublicBaseUrl?.TrimEnd('/')
            ?? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
        var requestToken = await client.GetRequestTokenAsync(consumer, baseUrl + CallbackPath, ct);

        var now = clock.GetUtcNow();
        var lifetime = TimeSpan.FromMinutes(options.Value.RequestTokenMinutes);
        var state = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await db.Set<SmugMugRequestToken>().Where(t => t.ExpiresAt < now).ExecuteDeleteAsync(ct);
        db.Add(new SmugMugRequestToken
        {
            Token = requestToken.Token,
            SecretEncrypted = protector.Protect(requestToken.Secret),
            StateHash = Hash(state),
            CreatedAt = now,
            ExpiresAt = now + lifetime,
            Permissions = permissions ?? options.Value.Permissions,
        });
        await db.SaveChangesAsync(ct);

        // Lax: the callback is a top-level cross-site navigation from SmugMug, which Lax cookies accompany.
        http.Response.Cookies.Append(StateCookie, state, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = CallbackPath,
            MaxAge = lifetime,
        });
        return client.AuthorizeUrl(requestToken.Token, permissions ?? options.Value.Permissions);
    }

    /// <summary>Completes the flow; returns null on success or a short message for the Library page.</summary>
    public async Task<string?> CompleteAsync(HttpContext http, string? token, string? verifier, CancellationToken ct)
    {
        http.Response.Cookies.Delete(StateCookie, new CookieOptions { Path = CallbackPath });
        if (string.IsNullOrEmpty(token) || string.IsNullOrEmpty(verifier))
        {
            return "SmugMug did not return an authorization";
        }
        var row = await db.Set<SmugMugRequestToken>().SingleOrDefaultAsync(t => t.Token == token, ct);
        var state = http.Request.Cookies[StateCookie];
        if (row is null || state is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(state)), Encoding.ASCII.GetBytes(row.StateHash)))
        {
            return "This connection attempt does not belong to this browser session; start again";
        }
        // Single use, whatever happens next.
        db.Remove(row);
        await db.SaveChangesAsync(ct);
        if (row.ExpiresAt < clock.GetUtcNow())
        {
            return "The connection attempt expired; start again";
        }
        var consumer = await accounts.GetConsumerAsync(ct);
        if (consumer is null)
        {
            return "Add your SmugMug API key and secret in Settings";
        }
        try
        {
            var access = await client.GetAccessTokenAsync(consumer with { Token = token, TokenSecret = protector.Unprotect(row.SecretEncrypted) }, verifier, ct);
            await accounts.SaveConnectionAsync(access, row.Permissions, ct);
            await cache.ClearAsync(ct);
            return null;
        }
        catch (SmugMugApiException e)
        {
            return e.Kind == SmugMugErrorKind.Unauthorized ? "SmugMug refused the authorization; start again" : e.Message;
        }
    }

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
