using System.Security.Cryptography;
using System.Text;

namespace FakeSmugMug.OAuth;

/// <summary>HMAC-SHA1 signature computation of RFC 5849 section 3.4, used to check what clients send.</summary>
public static class OAuthSignature
{
    /// <summary>Builds <c>scheme://host[:port]/path</c> with the default port dropped and scheme/host lower-cased (3.4.1.2).</summary>
    public static string BaseStringUri(string scheme, string host, int? port, string path)
    {
        var s = scheme.ToLowerInvariant();
        var h = host.ToLowerInvariant();
        var isDefault = port is null || (s == "http" && port == 80) || (s == "https" && port == 443);
        return isDefault ? $"{s}://{h}{path}" : $"{s}://{h}:{port}{path}";
    }

    /// <summary>Encodes, sorts by name then value, and joins the parameters (3.4.1.3.2).</summary>
    public static string NormalizeParameters(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var encoded = parameters
            .Where(p => p.Key != "oauth_signature" && p.Key != "realm")
            .Select(p => (Key: OAuthEncoding.Encode(p.Key), Value: OAuthEncoding.Encode(p.Value)))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal);
        return string.Join('&', encoded.Select(p => p.Key + "=" + p.Value));
    }

    public static string BaseString(string method, string baseStringUri, IEnumerable<KeyValuePair<string, string>> parameters) =>
        method.ToUpperInvariant() + "&" + OAuthEncoding.Encode(baseStringUri) + "&"
        + OAuthEncoding.Encode(NormalizeParameters(parameters));

    public static string Sign(string baseString, string consumerSecret, string? tokenSecret)
    {
        var key = OAuthEncoding.Encode(consumerSecret) + "&" + OAuthEncoding.Encode(tokenSecret ?? string.Empty);
#pragma warning disable CA5350 // HMAC-SHA1 is what OAuth 1.0a and SmugMug mandate; the fake must speak it.
        var hash = HMACSHA1.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(baseString));
#pragma warning restore CA5350
        return Convert.ToBase64String(hash);
    }

    /// <summary>Constant-time comparison so the fake does not model a timing oracle the real service lacks.</summary>
    public static bool Matches(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
}
