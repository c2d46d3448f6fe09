using System.Text.Json;

namespace TargetVision.Tests.Quality;

/// <summary>A parameter of an operation: where it goes (path or query), its name and its schema.</summary>
public sealed record OperationParameter(string In, string Name, JsonElement Schema, bool Required);

/// <summary>One route and method of the OpenAPI document, with what the fuzzer needs to build requests for it.</summary>
public sealed record OpenApiOperation(string Method, string PathTemplate, IReadOnlyList<OperationParameter> Parameters, IReadOnlyDictionary<string, JsonElement> Bodies)
{
    public string Key => $"{Method} {PathTemplate}";

    public JsonElement? JsonBody => Bodies.TryGetValue("application/json", out var s) ? s : null;
}

/// <summary>Reads the operations of an OpenAPI 3.x document and turns schemas into well-formed sample values.</summary>
public sealed class OpenApiOperations(JsonElement document)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    public IReadOnlyList<OpenApiOperation> All()
    {
        var list = new List<OpenApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            var shared = path.Value.TryGetProperty("parameters", out var sp) ? sp.EnumerateArray().ToList() : [];
            foreach (var method in Methods)
            {
                if (!path.Value.TryGetProperty(method, out var op))
                {
                    continue;
                }
                var parameters = shared.Concat(op.TryGetProperty("parameters", out var p) ? p.EnumerateArray() : [])
                    .Select(Resolve)
                    .Select(x => new OperationParameter(
                        x.GetProperty("in").GetString()!,
                        x.GetProperty("name").GetString()!,
                        x.TryGetProperty("schema", out var schema) ? Resolve(schema) : default,
                        x.TryGetProperty("required", out var r) && r.GetBoolean()))
                    .ToList();
                var bodies = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
                if (op.TryGetProperty("requestBody", out var body) && Resolve(body).TryGetProperty("content", out var content))
                {
                    foreach (var media in content.EnumerateObject())
                    {
                        bodies[media.Name] = media.Value.TryGetProperty("schema", out var s) ? Resolve(s) : default;
                    }
                }
                list.Add(new OpenApiOperation(method.ToUpperInvariant(), path.Name, parameters, bodies));
            }
        }
        return list;
    }

    /// <summary>Follows a local <c>$ref</c> (one level at a time, as often as needed).</summary>
    public JsonElement Resolve(JsonElement element)
    {
        for (var i = 0; i < 16 && element.ValueKind == JsonValueKind.Object && element.TryGetProperty("$ref", out var r); i++)
        {
            var node = document;
            foreach (var part in r.GetString()!.TrimStart('#', '/').Split('/'))
            {
                node = node.GetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
            }
            element = node;
        }
        return element;
    }

    /// <summary>The first non-null type of a schema ("type" may be a string or, in 3.1, an array with "null").</summary>
    public string TypeOf(JsonElement schema)
    {
        schema = Resolve(schema);
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return "any";
        }
        if (schema.TryGetProperty("type", out var t))
        {
            if (t.ValueKind == JsonValueKind.String)
            {
                return t.GetString()!;
            }
            if (t.ValueKind == JsonValueKind.Array)
            {
                return t.EnumerateArray().Select(x => x.GetString()!).FirstOrDefault(x => x != "null") ?? "null";
            }
        }
        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(combinator, out var c))
            {
                foreach (var option in c.EnumerateArray())
                {
                    var type = TypeOf(option);
                    if (type is not "null" and not "any")
                    {
                        return type;
                    }
                }
            }
        }
        return schema.TryGetProperty("properties", out _) ? "object" : "any";
    }

    /// <summary>Properties of an object schema (merging allOf parts).</summary>
    public IEnumerable<(string Name, JsonElement Schema)> Properties(JsonElement schema)
    {
        schema = Resolve(schema);
        if (schema.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }
        if (schema.TryGetProperty("properties", out var props))
        {
            foreach (var p in props.EnumerateObject())
            {
                yield return (p.Name, Resolve(p.Value));
            }
        }
        foreach (var combinator in new[] { "allOf", "oneOf", "anyOf" })
        {
            if (schema.TryGetProperty(combinator, out var c))
            {
                foreach (var part in c.EnumerateArray())
                {
                    foreach (var p in Properties(part))
                    {
                        yield return p;
                    }
                }
            }
        }
    }

    /// <summary>A plausible value for a schema: the baseline every mutation starts from.</summary>
    public object? Sample(JsonElement schema, int depth = 0)
    {
        schema = Resolve(schema);
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("enum", out var e) && e.GetArrayLength() > 0)
        {
            return JsonSerializer.Deserialize<object>(e[0].GetRawText());
        }
        var format = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        switch (TypeOf(schema))
        {
            case "object" when depth < 4:
                var obj = new Dictionary<string, object?>();
                foreach (var (name, prop) in Properties(schema))
                {
                    obj[name] = Sample(prop, depth + 1);
                }
                return obj;
            case "array" when depth < 4:
                return schema.TryGetProperty("items", out var items) ? new[] { Sample(items, depth + 1) } : Array.Empty<object>();
            case "integer":
                return 1;
            case "number":
                return 1.5;
            case "boolean":
                return true;
            case "string":
                return format switch
                {
                    "uuid" => Guid.Empty.ToString(),
                    "date-time" => "2020-01-01T00:00:00Z",
                    "date" => "2020-01-01",
                    "email" => "someone@example.com",
                    "uri" => "https://example.com/",
                    _ => "sample",
                };
            default:
                return null;
        }
    }
}
