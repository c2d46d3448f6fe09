using FakeSmugMug.OAuth;

namespace FakeSmugMug.Api;

/// <summary>Query parameters in order, with empty values kept (<c>_shorturis</c> is a bare flag).</summary>
public sealed class QueryParameters(IReadOnlyList<KeyValuePair<string, string>> items)
{
    public IReadOnlyList<KeyValuePair<string, string>> Items { get; } = items;

    public static QueryParameters Parse(string? query) => new(OAuthEncoding.ParseForm(query));

    public bool Has(string name) => Items.Any(p => p.Key == name);

    public string? Get(string name) => Items.Where(p => p.Key == name).Select(p => p.Value).FirstOrDefault();

    public IReadOnlyList<string> GetList(string name) =>
        [.. (Get(name) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>The query without the OAuth protocol parameters, the form SmugMug echoes in Request.Uri.</summary>
    public string ToEchoString(Func<string, bool>? keep = null)
    {
        var kept = Items.Where(p => !p.Key.StartsWith("oauth_", StringComparison.Ordinal) && (keep?.Invoke(p.Key) ?? true)).ToList();
        return kept.Count == 0
            ? string.Empty
            : "?" + string.Join('&', kept.Select(p => OAuthEncoding.Encode(p.Key) + "=" + OAuthEncoding.Encode(p.Value)));
    }
}
