using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace FakeSmugMug.OAuth;

/// <summary>Request tokens, access tokens, seen nonces and the account-level grant for the one fake user.</summary>
public sealed class OAuthTokenStore(TimeProvider clock)
{
    public static readonly TimeSpan RequestTokenLifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan TimestampWindow = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, RequestToken> _requestTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AccessToken> _accessTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _nonces = new(StringComparer.Ordinal);
    private readonly Lock _grantLock = new();
    private OAuthGrant? _accountGrant;

    /// <summary>
    /// The level the account owner granted this application. SmugMug keeps it across authorisations: asking again
    /// with a higher level does not raise it (the user changes it in account settings), which this models.
    /// </summary>
    public OAuthGrant? AccountGrant
    {
        get { lock (_grantLock) { return _accountGrant; } }
        set { lock (_grantLock) { _accountGrant = value; } }
    }

    public RequestToken CreateRequestToken(string callback)
    {
        var token = new RequestToken
        {
            Token = NewSecret(24),
            Secret = NewSecret(32),
            Callback = callback,
            CreatedAt = clock.GetUtcNow(),
        };
        _requestTokens[token.Token] = token;
        return token;
    }

    /// <summary>Returns the token only while it is unused and younger than five minutes.</summary>
    public RequestToken? FindLiveRequestToken(string? token)
    {
        if (token is null || !_requestTokens.TryGetValue(token, out var rt))
        {
            return null;
        }

        if (rt.Used || clock.GetUtcNow() - rt.CreatedAt > RequestTokenLifetime)
        {
            return null;
        }

        return rt;
    }

    public RequestToken? Approve(string token, OAuthGrant requested)
    {
        var rt = FindLiveRequestToken(token);
        if (rt is null)
        {
            return null;
        }

        lock (_grantLock)
        {
            _accountGrant ??= requested;
            rt.Grant = _accountGrant;
        }

        rt.Verifier = NewSecret(16);
        return rt;
    }

    public AccessToken? Exchange(RequestToken rt, string? verifier)
    {
        lock (rt)
        {
            if (rt.Used || rt.Verifier is null || rt.Grant is null || verifier != rt.Verifier)
            {
                return null;
            }

            rt.Used = true;
        }

        return Issue(rt.Grant);
    }

    public AccessToken Issue(OAuthGrant grant)
    {
        var at = new AccessToken(NewSecret(24), NewSecret(32), grant);
        _accessTokens[at.Token] = at;
        return at;
    }

    /// <summary>Registers a known access token (standalone demo: the app's seed command is given the same pair).</summary>
    public AccessToken Register(string token, string secret, OAuthGrant grant)
    {
        var at = new AccessToken(token, secret, grant);
        _accessTokens[at.Token] = at;
        return at;
    }

    public AccessToken? FindAccessToken(string? token) =>
        token is not null && _accessTokens.TryGetValue(token, out var at) ? at : null;

    public bool Revoke(string token) => _accessTokens.TryRemove(token, out _);

    public void RevokeAll() => _accessTokens.Clear();

    /// <summary>Records a nonce; false when the same nonce was already used with this timestamp and credentials.</summary>
    public bool TryUseNonce(string consumerKey, string? token, string timestamp, string nonce)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        if (_nonces.Count > 10_000)
        {
            foreach (var old in _nonces.Where(kv => now - kv.Value > TimestampWindow.TotalSeconds * 2).Select(kv => kv.Key).ToList())
            {
                _nonces.TryRemove(old, out _);
            }
        }

        return _nonces.TryAdd(string.Join('\n', consumerKey, token ?? string.Empty, timestamp, nonce), now);
    }

    private static string NewSecret(int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        return RandomNumberGenerator.GetString(alphabet, length);
    }
}
