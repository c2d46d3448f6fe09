namespace TargetVision.Api.Integrations.SmugMug;

/// <summary>The consumer (app) key pair plus, once connected, the token pair; secrets never leave the process.</summary>
public sealed record OAuthCredentials(string ConsumerKey, string ConsumerSecret, string? Token = null, string? TokenSecret = null)
{
    public override string ToString() => $"OAuthCredentials({ConsumerKey}, token {(Token is null ? "none" : "set")})";
}
