using System.Text.Json;

namespace TargetVision.Api.Integrations.SmugMug;

/// <summary>
/// One parsed API v2 envelope: the payload found under <c>Response[Locator]</c>, the <c>Pages</c> block and the
/// expansions — which SmugMug puts in the top-level <c>Expansions</c> map (keyed by the URI in
/// <c>Uris.Name.Uri</c>) unless <c>_expandmethod=inline</c> nests them in the object. Both layouts are read.
/// </summary>
public sealed class SmugMugResponse
{
    private readonly JsonElement root;

    public SmugMugResponse(JsonElement root)
    {
        this.root = root;
        if (!root.TryGetProperty("Response", out var response) || response.ValueKind != JsonValueKind.Object)
        {
            throw new SmugMugApiException(SmugMugErrorKind.BadResponse, "SmugMug answered without a Response block.");
        }
        Locator = response.TryGetProperty(nameof(Locator), out var loc) ? loc.GetString() ?? "" : "";
        // An empty collection has no payload key at all.
        Payload = Locator.Length > 0 && response.TryGetProperty(Locator, out var payload) ? payload : default;
        if (response.TryGetProperty(nameof(Pages), out var pages) && pages.ValueKind == JsonValueKind.Object)
        {
            Pages = pages;
        }
    }

    public string Locator { get; }
    public JsonElement Payload { get; }
    public JsonElement? Pages { get; }

    public IEnumerable<JsonElement> Items => Payload.ValueKind switch
    {
        JsonValueKind.Array => Payload.EnumerateArray(),
        JsonValueKind.Object => [Payload],
        _ => [],
    };

    public JsonElement? Single => Payload.ValueKind == JsonValueKind.Object ? Payload : null;

    public int? Total => Pages is { } p && p.TryGetProperty(nameof(Total), out var t) && t.TryGetInt32(out var v) ? v : null;

    public bool HasNextPage => Pages is { } p && p.TryGetProperty("NextPage", out var n) && n.ValueKind == JsonValueKind.String;

    /// <summary>Start of the page after this one, computed from Start + Count (NextPage drops our _filter/_expand).</summary>
    public int NextStart
    {
        get
        {
            var p = Pages ?? throw new InvalidOperationException("Not a paged response.");
            return p.GetProperty("Start").GetInt32() + p.GetProperty("Count").GetInt32();
        }
    }

    /// <summary>The expansion named <paramref name="name"/> of <paramref name="item"/>, from either layout.</summary>
    public JsonElement? Expansion(JsonElement item, string name)
    {
        if (!item.TryGetProperty("Uris", out var uris) || !uris.TryGetProperty(name, out var entry))
        {
            return null;
        }
        string? uri;
        if (entry.ValueKind == JsonValueKind.Object)
        {
            var locator = entry.TryGetProperty(nameof(Locator), out var l) ? l.GetString() : null;
            if (locator is not null && entry.TryGetProperty(locator, out var inline))
            {
                return inline;
            }
            uri = entry.TryGetProperty("Uri", out var u) ? u.GetString() : null;
        }
        else
        {
            uri = entry.ValueKind == JsonValueKind.String ? entry.GetString() : null; // _shorturis
        }
        if (uri is null || !root.TryGetProperty("Expansions", out var expansions) || !expansions.TryGetProperty(uri, out var block))
        {
            return null;
        }
        var blockLocator = block.TryGetProperty(nameof(Locator), out var bl) ? bl.GetString() : null;
        return blockLocator is not null && block.TryGetProperty(blockLocator, out var value) ? value : null;
    }
}
