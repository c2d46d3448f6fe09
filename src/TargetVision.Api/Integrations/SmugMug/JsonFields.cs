using System.Globalization;
using System.Text.Json;
using TargetVision.Api.Infrastructure.Http;

namespace TargetVision.Api.Integrations.SmugMug;

/// <summary>Tolerant readers for SmugMug's JSON: fields may be missing (filters), null, or of a surprising type.</summary>
internal static class JsonFields
{
    /// <summary>
    /// Every string the app takes from SmugMug passes here, so this is where SmugMug's text is made storable: a title
    /// with a NUL (which PostgreSQL refuses) would otherwise fail that album's sync on every attempt.
    /// </summary>
    public static string? Str(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => TextInput.Strip(v.GetString()!, keepLineBreaks: true),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;

    /// <summary>A link for the browser (WebUri): only an absolute http(s) URL, anything else is dropped.</summary>
    public static string? Link(this JsonElement e, string name) => SafeLinks.HttpOrNull(e.Str(name));

    public static int? Int(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.Number when v.TryGetInt32(out var i) => i,
            JsonValueKind.String when int.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
            _ => null,
        } : null;

    public static long? Long(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.Number when v.TryGetInt64(out var i) => i,
            JsonValueKind.String when long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
            _ => null,
        } : null;

    public static bool Bool(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    public static DateTimeOffset? Date(this JsonElement e, string name) =>
        e.Str(name) is { Length: > 0 } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)
            ? d.ToUniversalTime()
            : null;

    public static double? Double(this JsonElement e, string name) =>
        e.Str(name) is { Length: > 0 } s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    /// <summary>The URI of <c>Uris.Name</c>, whether it is a full entry or a short string.</summary>
    public static string? UriOf(this JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("Uris", out var uris) || !uris.TryGetProperty(name, out var entry))
        {
            return null;
        }
        return entry.ValueKind == JsonValueKind.String ? entry.GetString() : entry.Str("Uri");
    }

    public static string? LastSegment(string? uri) =>
        uri is null ? null : uri.TrimEnd('/')[(uri.TrimEnd('/').LastIndexOf('/') + 1)..];

    /// <summary>SmugMug's keyword strings are "; "-separated (commas accepted on input).</summary>
    public static List<string> Keywords(string? value) =>
        value is null ? [] : [.. value.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
