using System.Text.Json;
using TargetVision.Api.Integrations.Ai;

namespace TargetVision.Api.Features.Processing;

/// <summary>
/// The structured answer both providers must give (a forced tool for Anthropic, a strict json_schema for OpenAI),
/// and the normalisation applied to it: the schema asks, the code enforces.
/// </summary>
public static class DescriptionSchema
{
    public const string ToolName = "record_photo_description";

    /// <summary>The instructions; <paramref name="answerPhrase"/> says how the provider takes the structured answer.</summary>
    public static string SystemPrompt(string answerPhrase) =>
        "You describe photographs for a private, searchable photo library. Answer only " + answerPhrase +
        ". Describe what is visible; never guess camera settings, dates, locations you cannot see, or who took the photo.";

    public const int MinKeywords = 5;
    public const int MaxKeywords = 20;

    public static readonly IReadOnlyDictionary<string, JsonElement> Properties = new Dictionary<string, JsonElement>
    {
        ["description"] = JsonSerializer.SerializeToElement(new
        {
            type = "string",
            description = "2 to 5 sentences: subjects, action, setting, mood, notable objects, any visible text.",
        }),
        ["keywords"] = JsonSerializer.SerializeToElement(new
        {
            type = "array",
            items = new { type = "string" },
            description = "5 to 20 short lower-case search terms.",
        }),
        ["people_count"] = JsonSerializer.SerializeToElement(new
        {
            type = new[] { "integer", "null" },
            description = "How many people are visible (0 when none); null if it cannot be told.",
        }),
        ["setting"] = JsonSerializer.SerializeToElement(new
        {
            type = new[] { "string", "null" },
            description = "indoor, outdoor or studio, or a short place type such as beach or stadium.",
        }),
    };

    public static readonly IReadOnlyList<string> Required = ["description", "keywords"];

    /// <summary>The structured answer as the AI layer asks for it (each provider applies its strict form).</summary>
    public static readonly AiStructuredOutput Output = new(ToolName, "Record the description and keywords of the photo.",
        JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            ["type"] = "object",
            ["properties"] = Properties,
            ["required"] = Required,
        }));

    /// <summary>Reads and normalises the answer; null when it has no usable description.</summary>
    public static (string Description, List<string> Keywords, int? PeopleCount, string? Setting)? Read(Func<string, JsonElement?> field)
    {
        var description = field("description") is { ValueKind: JsonValueKind.String } d ? d.GetString()!.Trim() : "";
        if (description.Length == 0)
        {
            return null;
        }
        var keywords = field("keywords") is { ValueKind: JsonValueKind.Array } k
            ? NormalizeKeywords(k.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)).Take(MaxKeywords).ToList()
            : [];
        int? people = field("people_count") is { ValueKind: JsonValueKind.Number } p && p.TryGetInt32(out var n) && n >= 0 ? n : null;
        var setting = field("setting") is { ValueKind: JsonValueKind.String } s && s.GetString()!.Trim() is { Length: > 0 } text
            ? text.Length > 200 ? text[..200] : text
            : null;
        return (description.Length > 4000 ? description[..4000] : description, keywords, people, setting);
    }

    /// <summary>Lower-case, trimmed, at most 50 characters, no empties or duplicates, order kept.</summary>
    public static IEnumerable<string> NormalizeKeywords(IEnumerable<string> keywords) =>
        keywords.Select(k => k.Trim().ToLowerInvariant())
            .Where(k => k.Length > 0)
            .Select(k => k.Length > 50 ? k[..50].TrimEnd() : k)
            .Distinct(StringComparer.Ordinal);
}
