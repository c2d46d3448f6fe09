using FakeSmugMug.Model;
using FakeSmugMug.OAuth;

namespace FakeSmugMug.Api;

/// <summary>What a handler needs to know about the caller and the server for one API request.</summary>
public sealed class ApiContext(FakeLibrary library, FakeSmugMugOptions options, OAuthGrant grant, string publicBaseUrl)
{
    public FakeLibrary Library { get; } = library;
    public FakeSmugMugOptions Options { get; } = options;
    public OAuthGrant Grant { get; } = grant;

    /// <summary>Absolute <c>scheme://host[:port]</c> used for media URLs.</summary>
    public string PublicBaseUrl { get; } = publicBaseUrl;

    /// <summary>A token limited to Access=Public does not see private content at all, as on SmugMug.</summary>
    public bool CanSee(FakeNode node) => Grant.Access == AccessLevel.Full || !node.IsEffectivelyPrivate;
}
