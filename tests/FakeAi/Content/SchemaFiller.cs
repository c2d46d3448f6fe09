using System.Text.Json;
using System.Text.Json.Nodes;

namespace FakeAi.Content;

/// <summary>
/// Produces a JSON value that satisfies the client's schema, filling fields a caption schema
/// typically has (description, keywords, people_count, setting, …) from the photo description.
/// Unknown fields get the simplest valid value so strict clients still parse the answer.
/// </summary>
internal static class SchemaFiller
{
    private static readonly string[] DescriptionNames = ["description", "caption", "summary", "alt_text", "alt", "text", "answer"];
    private static readonly string[] KeywordNames = ["keywords", "tags", "labels", "subjects"];
    private static readonly string[] PeopleNames = ["people_count", "person_count", "num_people", "number_of_people", "people", "faces"];
    private static readonly string[] SettingNames = ["setting", "scene", "environment", "location_type", "indoor_outdoor"];
    private static readonly string[] ColorNames = ["colors", "colours", "dominant_colors", "dominant_colours", "palette"];
    private static readonly string[] TitleNames = ["title", "headline", "name"];

    internal static JsonObject DefaultObject(PhotoDescription photo) => new()
    {
        ["description"] = photo.Description,
        ["keywords"] = new JsonArray([.. photo.Keywords.Select(k => JsonValue.Create(k))]),
        ["people_count"] = photo.PeopleCount,
        ["setting"] = photo.Setting,
    };

    internal static JsonNode Fill(JsonElement? schema, PhotoDescription photo)
    {
        if (schema is not { ValueKind: JsonValueKind.Object } root || !root.TryGetProperty("properties", out _))
        {
            return DefaultObject(photo);
        }

        return Value(root, root, name: null, photo, depth: 0) ?? DefaultObject(photo);
    }

    private static JsonNode? Value(JsonElement root, JsonElement schema, string? name, PhotoDescription photo, int depth)
    {
        schema = Resolve(root, schema);
        if (depth > 8)
        {
            return null;
        }

        if (schema.TryGetProperty("anyOf", out var anyOf) || schema.TryGetProperty("oneOf", out anyOf))
        {
            var option = anyOf.EnumerateArray().FirstOrDefault(o => TypeOf(Resolve(root, o)) != "null");
            return option.ValueKind == JsonValueKind.Object ? Value(root, option, name, photo, depth + 1) : null;
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            return JsonNode.Parse(constant.GetRawText());
        }

        var key = name?.ToLowerInvariant();
        switch (TypeOf(schema))
        {
            case "object":
                var obj = new JsonObject();
                if (schema.TryGetProperty("properties", out var properties))
                {
                    foreach (var property in properties.EnumerateObject())
                    {
                        obj[property.Name] = Value(root, property.Value, property.Name, photo, depth + 1);
                    }
                }

                return obj;
            case "array":
                return Array(root, schema, key, photo, depth);
            case "integer":
            case "number":
                var number = Matches(key, PeopleNames) ? photo.PeopleCount : 0;
                if (schema.TryGetProperty("minimum", out var minimum) && minimum.TryGetDouble(out var min))
                {
                    number = Math.Max(number, (int)Math.Ceiling(min));
                }

                return number;
            case "boolean":
                return false;
            case "null":
                return null;
            default:
                return String(schema, key, photo);
        }
    }

    private static JsonArray Array(JsonElement root, JsonElement schema, string? key, PhotoDescription photo, int depth)
    {
        var minItems = schema.TryGetProperty("minItems", out var lo) && lo.TryGetInt32(out var l) ? l : 0;
        var maxItems = schema.TryGetProperty("maxItems", out var hi) && hi.TryGetInt32(out var h) ? h : int.MaxValue;
        var items = schema.TryGetProperty("items", out var itemSchema) ? Resolve(root, itemSchema) : default;
        var itemType = items.ValueKind == JsonValueKind.Object ? TypeOf(items) : "string";

        IEnumerable<string> words = Matches(key, ColorNames) ? photo.Colors
            : Matches(key, KeywordNames) || itemType == "string" ? photo.Keywords
            : [];
        var array = new JsonArray();
        if (itemType == "string")
        {
            var pool = words.ToList();
            for (var i = 0; pool.Count > 0 && array.Count < Math.Max(minItems, Math.Min(maxItems, pool.Count)); i++)
            {
                array.Add(i < pool.Count ? pool[i] : $"{pool[i % pool.Count]} {i / pool.Count + 1}");
            }

            return array;
        }

        for (var i = 0; i < minItems; i++)
        {
            array.Add(Value(root, items, key, photo, depth + 1));
        }

        return array;
    }

    private static JsonNode String(JsonElement schema, string? key, PhotoDescription photo)
    {
        string wanted = Matches(key, DescriptionNames) ? photo.Description
            : Matches(key, SettingNames) ? photo.Setting
            : Matches(key, TitleNames) ? photo.Title
            : Matches(key, KeywordNames) ? string.Join(", ", photo.Keywords)
            : Matches(key, ColorNames) ? string.Join(", ", photo.Colors)
            : key is "brightness" or "lighting" ? photo.Brightness
            : key is "orientation" ? photo.Orientation
            : photo.Title;

        if (schema.TryGetProperty("enum", out var options) && options.ValueKind == JsonValueKind.Array)
        {
            var choices = options.EnumerateArray().Where(o => o.ValueKind == JsonValueKind.String).Select(o => o.GetString()!).ToList();
            var match = choices.FirstOrDefault(c => c.Contains(wanted, StringComparison.OrdinalIgnoreCase)
                || wanted.Contains(c, StringComparison.OrdinalIgnoreCase));
            return match ?? choices.FirstOrDefault() ?? wanted;
        }

        if (schema.TryGetProperty("maxLength", out var maxLength) && maxLength.TryGetInt32(out var max) && wanted.Length > max)
        {
            wanted = wanted[..max];
        }

        return wanted;
    }

    private static bool Matches(string? key, string[] names) => key is not null && names.Contains(key, StringComparer.Ordinal);

    private static string TypeOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return schema.TryGetProperty("properties", out _) ? "object" : "string";
        }

        if (type.ValueKind == JsonValueKind.Array)
        {
            return type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null") ?? "null";
        }

        return type.GetString() ?? "string";
    }

    // Schemas generated from C# types put nested types under $defs; only local references occur in practice.
    private static JsonElement Resolve(JsonElement root, JsonElement schema)
    {
        for (var hops = 0; hops < 8 && schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference); hops++)
        {
            var path = reference.GetString();
            if (path is null || !path.StartsWith("#/", StringComparison.Ordinal))
            {
                break;
            }

            var target = root;
            foreach (var segment in path[2..].Split('/'))
            {
                if (!target.TryGetProperty(segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal), out target))
                {
                    return schema;
                }
            }

            schema = target;
        }

        return schema;
    }
}
