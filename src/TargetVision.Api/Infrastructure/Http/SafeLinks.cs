namespace TargetVision.Api.Infrastructure.Http;

/// <summary>
/// Links that come from data (SmugMug's WebUri and the like) end up as hrefs in the browser: only absolute http(s)
/// URLs may, so a <c>javascript:</c> or <c>data:</c> value can never become a clickable link.
/// </summary>
public static class SafeLinks
{
    public static string? HttpOrNull(string? value) =>
        value is { Length: > 0 and <= 2048 }
        && Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.Host.Length > 0
            ? uri.AbsoluteUri
            : null;
}
