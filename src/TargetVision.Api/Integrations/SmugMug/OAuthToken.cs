namespace TargetVision.Api.Integrations.SmugMug;

/// <summary>A token pair from a form-encoded OAuth reply (<c>oauth_token=…&amp;oauth_token_secret=…</c>).</summary>
public sealed record OAuthToken(string Token, string Secret)
{
    public static OAuthToken Parse(string formBody)
    {
        var values = OAuthSigner.ParseForm(formBody).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return values.TryGetValue("oauth_token", out var token) && values.TryGetValue("oauth_token_secret", out var secret)
            ? new OAuthToken(token, secret)
            : throw new SmugMugApiException(SmugMugErrorKind.BadResponse, "SmugMug's token reply had no oauth_token/oauth_token_secret.");
    }

    public override string ToString() => $"OAuthToken({Token}, secret hidden)";
}
