using System.Globalization;

namespace FakeSmugMug.OAuth;

/// <summary>Which token, if any, a signed request must carry.</summary>
public enum OAuthTokenKind
{
    None,
    Request,
    Access,
}

public sealed record OAuthVerification(string? Problem, AccessToken? AccessToken = null, RequestToken? RequestToken = null)
{
    public bool Ok => Problem is null;
}

/// <summary>
/// Strict RFC 5849 checks in the order a server can afford them: cheap field checks first, the signature next,
/// and the nonce last so that a forged request cannot burn a legitimate client's nonce.
/// </summary>
public sealed class OAuthVerifier(string consumerKey, string consumerSecret, OAuthTokenStore store, TimeProvider clock)
{
    public OAuthVerification Verify(OAuthRequest request, OAuthTokenKind expected)
    {
        if (request.Get("oauth_consumer_key") is not { } key)
        {
            return new("parameter_absent: oauth_consumer_key");
        }

        if (key != consumerKey)
        {
            return new("consumer_key_unknown");
        }

        if (request.Get("oauth_signature_method") != "HMAC-SHA1")
        {
            return new("signature_method_rejected");
        }

        if (request.Get("oauth_version") is { } version && version != "1.0")
        {
            return new("version_rejected");
        }

        if (!long.TryParse(request.Get("oauth_timestamp"), NumberStyles.None, CultureInfo.InvariantCulture, out var ts))
        {
            return new("parameter_absent: oauth_timestamp");
        }

        var skew = Math.Abs(clock.GetUtcNow().ToUnixTimeSeconds() - ts);
        if (skew > OAuthTokenStore.TimestampWindow.TotalSeconds)
        {
            return new("timestamp_refused");
        }

        if (string.IsNullOrEmpty(request.Get("oauth_nonce")))
        {
            return new("parameter_absent: oauth_nonce");
        }

        var tokenValue = request.Get("oauth_token");
        string? tokenSecret = null;
        AccessToken? access = null;
        RequestToken? requestToken = null;
        switch (expected)
        {
            case OAuthTokenKind.Request:
                requestToken = store.FindLiveRequestToken(tokenValue);
                if (requestToken is null)
                {
                    return new("token_rejected: unknown, used or expired request token");
                }

                tokenSecret = requestToken.Secret;
                break;
            case OAuthTokenKind.Access:
                access = store.FindAccessToken(tokenValue);
                if (access is null)
                {
                    return new("token_rejected");
                }

                tokenSecret = access.Secret;
                break;
            default:
                if (!string.IsNullOrEmpty(tokenValue))
                {
                    return new("token_rejected: no token expected here");
                }

                break;
        }

        if (string.IsNullOrEmpty(request.Signature))
        {
            return new("parameter_absent: oauth_signature");
        }

        var valid = request.BaseStringUris.Any(uri =>
            OAuthSignature.Matches(
                OAuthSignature.Sign(OAuthSignature.BaseString(request.Method, uri, request.SignedParameters), consumerSecret, tokenSecret),
                request.Signature));
        if (!valid)
        {
            return new("signature_invalid");
        }

        if (!store.TryUseNonce(key, tokenValue, ts.ToString(CultureInfo.InvariantCulture), request.Get("oauth_nonce")!))
        {
            return new("nonce_used");
        }

        return new(null, access, requestToken);
    }
}
