using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace FakeSmugMug.Tests;

/// <summary>
/// A client-side OAuth 1.0a signer written separately from the fake's verifier (it leans on
/// Uri.EscapeDataString instead), so the two cross-check each other.
/// </summary>
internal sealed class TestSigner(string consumerKey, string consumerSecret)
{
    public string? Token { get; set; }
    public string? TokenSecret { get; set; }

    public void Sign(HttpRequestMessage request, IDictionary<string, string>? extraOAuth = null, string? nonce = null, long? timestamp = null, IEnumerable<KeyValuePair<string, string>>? formBody = null)
    {
        var oauth = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["oauth_consumer_key"] = consumerKey,
            ["oauth_nonce"] = nonce ?? Guid.NewGuid().ToString("N"),
            ["oauth_signature_method"] = "HMAC-SHA1",
            ["oauth_timestamp"] = (timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture),
            ["oauth_version"] = "1.0",
        };
        if (Token is not null)
        {
            oauth["oauth_token"] = Token;
        }

        foreach (var (k, v) in extraOAuth ?? new Dictionary<string, string>())
        {
            oauth[k] = v;
        }

        var uri = request.RequestUri!;
        var pairs = new List<(string K, string V)>();
        pairs.AddRange(oauth.Select(p => (E(p.Key), E(p.Value))));
        foreach (var part in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = part.Split('=', 2);
            pairs.Add((E(Uri.UnescapeDataString(kv[0].Replace('+', ' '))), E(Uri.UnescapeDataString((kv.Length > 1 ? kv[1] : string.Empty).Replace('+', ' ')))));
        }

        foreach (var (k, v) in formBody ?? [])
        {
            pairs.Add((E(k), E(v)));
        }

        var normalized = string.Join("&", pairs.OrderBy(p => p.K, StringComparer.Ordinal).ThenBy(p => p.V, StringComparer.Ordinal).Select(p => $"{p.K}={p.V}"));
        var baseUri = $"{uri.Scheme}://{uri.Host}{(uri.IsDefaultPort ? string.Empty : ":" + uri.Port.ToString(CultureInfo.InvariantCulture))}{uri.AbsolutePath}";
        var baseString = $"{request.Method.Method}&{E(baseUri)}&{E(normalized)}";
#pragma warning disable CA5350 // OAuth 1.0a mandates HMAC-SHA1.
        var sig = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes($"{E(consumerSecret)}&{E(TokenSecret ?? string.Empty)}"), Encoding.UTF8.GetBytes(baseString)));
#pragma warning restore CA5350
        oauth["oauth_signature"] = sig;
        request.Headers.Authorization = new AuthenticationHeaderValue("OAuth", string.Join(", ", oauth.Select(p => $"{E(p.Key)}=\"{E(p.Value)}\"")));
    }

    private static string E(string s) => Uri.EscapeDataString(s);
}
