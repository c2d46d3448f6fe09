using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TargetVision.Api.Features.Settings;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Integrations.SmugMug;

namespace TargetVision.Api.Features.SmugMug;

/// <summary>The connected account and the credentials every SmugMug call is signed with.</summary>
public sealed class SmugMugAccountStore(
    AppDbContext db, SettingsStore settings, IDataProtectionProvider dataProtection, SmugMugClient client,
    SmugMugReachability reachability, IOptions<SmugMugOptions> options, TimeProvider clock)
{
    /// <summary>An observation older than this is checked again when the account is asked for.</summary>
    public static readonly TimeSpan ReachabilityMaxAge = TimeSpan.FromMinutes(5);

    /// <summary>How long the header badge waits for that check.</summary>
    private static readonly TimeSpan ProbeBudget = TimeSpan.FromSeconds(4);

    private readonly IDataProtector protector = dataProtection.CreateProtector("TargetVision.SmugMug.Tokens.v1");

    public IDataProtector Protector => protector;

    /// <summary>The app's consumer key pair from Settings (or the environment); null when not configured.</summary>
    public async Task<OAuthCredentials?> GetConsumerAsync(CancellationToken ct)
    {
        var key = await settings.GetSecretAsync(SecretName.SmugMugApiKey, ct);
        var secret = await settings.GetSecretAsync(SecretName.SmugMugApiSecret, ct);
        return key is null || secret is null ? null : new OAuthCredentials(key, secret);
    }

    public Task<SmugMugAccount?> GetAccountAsync(CancellationToken ct) =>
        db.Set<SmugMugAccount>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == SmugMugAccount.SingletonId, ct);

    /// <summary>Consumer + access token, or a NotConnected error the API turns into a clear problem.</summary>
    public async Task<OAuthCredentials> GetCredentialsAsync(CancellationToken ct)
    {
        var consumer = await GetConsumerAsync(ct)
            ?? throw new SmugMugApiException(SmugMugErrorKind.NotConnected, "Add your SmugMug API key and secret in Settings.");
        var account = await GetAccountAsync(ct)
            ?? throw new SmugMugApiException(SmugMugErrorKind.NotConnected, "Connect SmugMug first.");
        if (account.AuthFailedAt is not null)
        {
            // SmugMug refused this token once: it stays refused until the owner reconnects, so do not keep asking.
            throw new SmugMugApiException(SmugMugErrorKind.Unauthorized, account.AuthFailure ?? "Reconnect SmugMug: the connection was revoked.", 401);
        }
        try
        {
            return consumer with
            {
                Token = protector.Unprotect(account.AccessTokenEncrypted),
                TokenSecret = protector.Unprotect(account.AccessTokenSecretEncrypted),
            };
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new SmugMugApiException(SmugMugErrorKind.Unauthorized, "Reconnect SmugMug: the stored connection cannot be decrypted.", null, null, e);
        }
    }

    /// <summary>
    /// Stores an access token after checking it against <c>!authuser</c> (which also gives the nickname and the
    /// root node). Public so tests can start "already connected" with a token the fake issued.
    /// </summary>
    public Task<SmugMugAccount> SaveConnectionAsync(OAuthToken token, CancellationToken ct) => SaveConnectionAsync(token, null, ct);

    /// <summary>As above, recording the permission that was asked for (null: the configured default, Read).</summary>
    public async Task<SmugMugAccount> SaveConnectionAsync(OAuthToken token, string? permissions, CancellationToken ct)
    {
        permissions ??= options.Value.Permissions;
        var consumer = await GetConsumerAsync(ct)
            ?? throw new SmugMugApiException(SmugMugErrorKind.NotConnected, "Add your SmugMug API key and secret in Settings.");
        var user = await client.GetAuthUserAsync(consumer with { Token = token.Token, TokenSecret = token.Secret }, ct);
        var account = await db.Set<SmugMugAccount>().SingleOrDefaultAsync(a => a.Id == SmugMugAccount.SingletonId, ct);
        if (account is null)
        {
            account = new SmugMugAccount
            {
                NickName = user.NickName,
                RootNodeId = user.RootNodeId,
                AccessTokenEncrypted = "",
                AccessTokenSecretEncrypted = "",
                Access = options.Value.Access,
                Permissions = permissions,
            };
            db.Add(account);
        }
        account.NickName = user.NickName;
        account.Name = user.Name;
        account.WebUri = user.WebUri;
        account.RootNodeId = user.RootNodeId;
        account.AccessTokenEncrypted = protector.Protect(token.Token);
        account.AccessTokenSecretEncrypted = protector.Protect(token.Secret);
        account.Access = options.Value.Access;
        account.Permissions = permissions;
        account.ConnectedAt = clock.GetUtcNow();
        account.AuthFailedAt = null;
        account.AuthFailure = null;
        await db.SaveChangesAsync(ct);
        return account;
    }

    /// <summary>
    /// How SmugMug last answered this replica; when that is unknown or stale, one cheap signed request
    /// (<c>!authuser</c>) finds out, bounded so the badge never waits long on an unreachable SmugMug.
    /// </summary>
    public async Task<SmugMugObservation?> CheckReachabilityAsync(CancellationToken ct)
    {
        if (reachability.Last is { } last && clock.GetUtcNow() - last.At < ReachabilityMaxAge)
        {
            return last;
        }
        using var timer = new CancellationTokenSource(ProbeBudget, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        try
        {
            await client.GetAuthUserAsync(await GetCredentialsAsync(linked.Token), linked.Token);
        }
        catch (SmugMugApiException e)
        {
            reachability.RecordFailure(e);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            reachability.RecordTimeout($"SmugMug did not answer within {ProbeBudget.TotalSeconds:0} s.");
        }
        return reachability.Last;
    }

    /// <summary>
    /// The write check of every SmugMug feature that writes (collections publishing, caption write-back): true only
    /// when the stored connection was granted Modify and SmugMug has not refused it since.
    /// </summary>
    public async Task<bool> HasModifyAsync(CancellationToken ct) => (await GetAccountAsync(ct))?.CanModify == true;

    /// <summary>
    /// Marks the stored connection as refused when SmugMug answered 401 to the token it holds (a new token being
    /// tried in the connect flow is not the stored one and does not count).
    /// </summary>
    public async Task RecordAuthFailureAsync(string token, string message, CancellationToken ct)
    {
        var account = await GetAccountAsync(ct);
        if (account is null || account.AuthFailedAt is not null)
        {
            return;
        }
        string stored;
        try
        {
            stored = protector.Unprotect(account.AccessTokenEncrypted);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            stored = "";
        }
        if (!System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(stored), System.Text.Encoding.UTF8.GetBytes(token)))
        {
            return;
        }
        var now = clock.GetUtcNow();
        var reason = message.Length > 500 ? message[..500] : message;
        await db.Set<SmugMugAccount>().Where(a => a.Id == SmugMugAccount.SingletonId && a.AuthFailedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.AuthFailedAt, now).SetProperty(a => a.AuthFailure, reason), ct);
    }

    /// <summary>Forgets the tokens. Synced albums and photos stay: they are the owner's data and AI work.</summary>
    public async Task DisconnectAsync(CancellationToken ct) =>
        await db.Set<SmugMugAccount>().Where(a => a.Id == SmugMugAccount.SingletonId).ExecuteDeleteAsync(ct);
}
