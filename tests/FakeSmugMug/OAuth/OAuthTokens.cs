namespace FakeSmugMug.OAuth;

/// <summary>A temporary credential between getRequestToken and getAccessToken.</summary>
public sealed class RequestToken
{
    public required string Token { get; init; }
    public required string Secret { get; init; }
    public required string Callback { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string? Verifier { get; set; }
    public OAuthGrant? Grant { get; set; }
    public bool Used { get; set; }
}

/// <summary>A token credential; SmugMug's never expire unless revoked.</summary>
public sealed record AccessToken(string Token, string Secret, OAuthGrant Grant);
