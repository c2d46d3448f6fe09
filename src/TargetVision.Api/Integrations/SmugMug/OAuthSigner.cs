using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TargetVision.Api.Integrations.SmugMug;

/// <summary>
/// OAuth 1.0a HMAC-SHA1 request signing (RFC 5849 §3.4), written out by hand: no maintained .NET library does it,
/// and the classic bug of signing un-encoded values (commas in <c>_expand</c>) must not come back.
/// </summary>
public static class OAuthSigner
{
    /// <summary>RFC 3986 percent-encoding: only A-Z a-z 0-9 - . _ ~ stay as they are (RFC 5849 §3.6).</summary>
    public static string Encode(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var sb = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9'
                or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return sb.ToString();
    }

    /// <summary>Splits a query or form body; '+' means space there (RFC 5849 §3.4.1.3.1 defers to HTML forms).</summary>
    public static List<KeyValuePair<string, string>> ParseForm(string? encoded)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var pair in (encoded ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? pair : pair[..eq];
            var value = eq < 0 ? "" : pair[(eq + 1)..];
            result.Add(new(Decode(name), Decode(value)));
        }
        return result;
    }

    private static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));

    /// <summary>Base string URI (§3.4.1.2): lower-case scheme and host, port only when not the default, no query.</summary>
    public static string BaseStringUri(Uri uri)
    {
        var scheme = uri.Scheme.ToLowerInvariant();
        var host = uri.Host.ToLowerInvariant();
        var port = uri.IsDefaultPort ? "" : ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
        return $"{scheme}://{host}{port}{uri.AbsolutePath}";
    }

    /// <summary>The signature base string (§3.4.1): method, URI and the normalised parameters, each encoded.</summary>
    public static string BaseString(string method, Uri uri, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var normalised = string.Join('&', parameters
            .Select(p => (Key: Encode(p.Key), Value: Encode(p.Value)))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value));
        return $"{method.ToUpperInvariant()}&{Encode(BaseStringUri(uri))}&{Encode(normalised)}";
    }

    public static string Signature(string baseString, string consumerSecret, string? tokenSecret)
    {
        var key = Encoding.ASCII.GetBytes(Encode(consumerSecret) + "&" + Encode(tokenSecret ?? ""));
#pragma warning disable CA5350 // HMAC-SHA1 is what OAuth 1.0a and SmugMug specify; nothing stronger is accepted.
        var mac = HMACSHA1.HashData(key, Encoding.ASCII.GetBytes(baseString));
#pragma warning restore CA5350
        return Convert.ToBase64String(mac);
    }

    /// <summary>
    /// The Authorization header value for a request. Signs the oauth_* protocol parameters, every query parameter
    /// of <paramref name="uri"/> and any form body parameters (never a JSON body).
    /// </summary>
    public static string AuthorizationHeader(
        string method, Uri uri, OAuthCredentials credentials, string nonce, long timestamp,
        IEnumerable<KeyValuePair<string, string>>? extraProtocolParameters = null,
        IEnumerable<KeyValuePair<string, string>>? formBody = null)
    {
        var protocol = new List<KeyValuePair<string, string>>
        {
            new("oauth_consumer_key", credentials.ConsumerKey),
            new("oauth_nonce", nonce),
            new("oauth_signature_method", "HMAC-SHA1"),
            new("oauth_timestamp", timestamp.ToString(CultureInfo.InvariantCulture)),
            new("oauth_version", "1.0"),
        };
        if (credentials.Token is { } token)
        {
            protocol.Add(new("oauth_token", token));
        }
        protocol.AddRange(extraProtocolParameters ?? []);
        var all = protocol.Concat(ParseForm(uri.Query)).Concat(formBody ?? []);
        var signature = Signature(BaseString(method, uri, all), credentials.ConsumerSecret, credentials.TokenSecret);
        protocol.Add(new("oauth_signature", signature));
        return "OAuth " + string.Join(", ", protocol.Select(p => $"{Encode(p.Key)}=\"{Encode(p.Value)}\""));
    }

    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
