using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TargetVision.Tests.Quality;

/// <summary>One hostile request: the operation it targets, what was changed (<see cref="Kind"/>) and the raw bytes.</summary>
public sealed record FuzzRequest(string Operation, string Kind, string Method, string Path, string? ContentType, byte[]? Body)
{
    public override string ToString() => $"{Method} {Shorten(Path)} [{Kind}]";

    private static string Shorten(string s) => s.Length > 140 ? s[..140] + "…" : s;
}

/// <summary>
/// Builds hostile requests per operation of the OpenAPI document: every mutation kind is applied to path parameters,
/// query parameters and JSON body properties of an otherwise well-formed request, plus whole-body attacks (malformed
/// JSON, wrong content types, oversized bodies). Deterministic: the same document gives the same list.
/// </summary>
public sealed class FuzzGenerator(OpenApiOperations api, IReadOnlyDictionary<string, string> knownIds, long oversizedBytes)
{
    /// <summary>Strings that broke or could break something: control characters, unicode edge cases, traversal.</summary>
    public static readonly (string Kind, string Value)[] HostileStrings =
    [
        ("nul", "a\u0000b"),
        ("control-chars", "\u0001\u0007\u001b[31m\u001f\u007f"),
        ("crlf-injection", "x\r\nSet-Cookie: a=b"),
        ("lone-surrogate", "\ud800"),
        ("rtl-override", "\u202egnp.exe"),
        ("zero-width", "\u200b\u200d\ufeff"),
        ("emoji-zwj", "👩‍👩‍👧‍👦🏳️‍🌈"),
        ("combining-flood", "e" + new string('\u0301', 2000)),
        ("noncharacter", "\uffff\ufffe"),
        ("path-traversal", "../../../../etc/passwd"),
        ("path-traversal-win", "..\\..\\..\\windows\\win.ini"),
        ("long-string", new string('x', 70_000)),
        ("html", "<img src=x onerror=alert(1)>"),
        ("sql", "'; DROP TABLE photos; --"),
        ("empty", ""),
        ("whitespace", " \t "),
    ];

    private static readonly (string Kind, string Raw)[] HostileNumbers =
    [
        ("huge-int", "9223372036854775808"),
        ("int-max", "2147483647"),
        ("int-over", "2147483648"),
        ("negative", "-1"),
        ("int-min", "-2147483649"),
        ("huge-double", "1e400"),
        ("fraction", "0.5"),
    ];

    private static readonly (string Kind, string Segment)[] HostileSegments =
    [
        ("negative", "-1"),
        ("zero", "0"),
        ("int-over", "2147483648"),
        ("huge", "99999999999999999999999"),
        ("text", "abc"),
        ("nul", "%00"),
        ("control", "%01%1B"),
        ("traversal", "..%2F..%2F..%2Fetc%2Fpasswd"),
        ("traversal-backslash", "..%5C..%5Cwin.ini"),
        ("dot-dot", ".."),
        ("bad-utf8", "%FF%FE"),
        ("unicode", "%E2%80%AE%F0%9F%98%80"),
        ("long", new string('9', 3000)),
    ];

    public IEnumerable<FuzzRequest> For(OpenApiOperation op)
    {
        var path = BaselinePath(op);
        var query = BaselineQuery(op);
        var body = op.JsonBody is { } schema ? api.Sample(schema) : null;
        var hasJsonBody = op.JsonBody is not null;
        var bodyBytes = hasJsonBody ? JsonSerializer.SerializeToUtf8Bytes(body) : null;
        var contentType = hasJsonBody ? "application/json" : op.Bodies.Keys.FirstOrDefault();

        FuzzRequest Make(string kind, string? p = null, string? q = null, string? ct = null, byte[]? b = null, bool keepBody = true) =>
            new(op.Key, kind, op.Method, (p ?? path) + (q ?? query), ct ?? (keepBody ? contentType : null), b ?? (keepBody ? bodyBytes : null));

        // The well-formed request itself must not fail either.
        yield return Make("baseline");

        foreach (var parameter in op.Parameters.Where(x => x.In == "path"))
        {
            foreach (var (kind, segment) in HostileSegments)
            {
                yield return Make($"path {parameter.Name} {kind}", p: ReplaceParameter(op, parameter.Name, segment));
            }
        }

        foreach (var parameter in op.Parameters.Where(x => x.In == "query"))
        {
            var values = HostileNumbers.Select(n => (n.Kind, n.Raw))
                .Concat(HostileStrings.Where(s => s.Value.Length < 5000 && s.Kind != "lone-surrogate").Select(s => (s.Kind, Uri.EscapeDataString(s.Value))))
                .Append(("bad-utf8", "%FF%FE"))
                .Append(("lone-surrogate", "%ED%A0%80"))
                .Append(("repeated", "1&" + parameter.Name + "=2"));
            foreach (var (kind, value) in values)
            {
                yield return Make($"query {parameter.Name} {kind}", q: WithQuery(query, parameter.Name, value));
            }
        }

        if (op.Method is "GET" or "DELETE" && !hasJsonBody && op.Bodies.Count == 0)
        {
            // A body where none is expected, and an unexpected content type.
            yield return Make("unexpected body", ct: "application/json", b: "{\"a\":1}"u8.ToArray(), keepBody: false);
            yield break;
        }

        foreach (var (kind, raw) in WholeBodies())
        {
            yield return Make(kind, ct: "application/json", b: raw);
        }
        foreach (var (kind, ct, raw) in WrongContentTypes(bodyBytes ?? "{}"u8.ToArray()))
        {
            yield return Make(kind, ct: ct, b: raw);
        }
        yield return Make("oversized body", ct: "application/json", b: Oversized());

        if (body is Dictionary<string, object?> obj && op.JsonBody is { } bodySchema)
        {
            foreach (var (name, propSchema) in api.Properties(bodySchema).DistinctBy(p => p.Name))
            {
                foreach (var (kind, value) in PropertyValues(api.TypeOf(propSchema)))
                {
                    var copy = new Dictionary<string, object?>(obj) { [name] = value };
                    yield return Make($"body {name} {kind}", b: Serialize(copy));
                }
            }
        }
    }

    private string BaselinePath(OpenApiOperation op)
    {
        var path = op.PathTemplate;
        foreach (var parameter in op.Parameters.Where(x => x.In == "path"))
        {
            var value = knownIds.TryGetValue(parameter.Name, out var known) ? known
                : api.TypeOf(parameter.Schema) == "integer" ? "1"
                : parameter.Schema.ValueKind == JsonValueKind.Object && parameter.Schema.TryGetProperty("format", out var f) && f.GetString() == "uuid" ? Guid.NewGuid().ToString()
                : "sample";
            path = path.Replace("{" + parameter.Name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
        }
        return path;
    }

    private static string ReplaceParameter(OpenApiOperation op, string name, string segment)
    {
        // Other path parameters keep a harmless value; the fuzzed one gets the raw (already escaped) segment.
        var path = op.PathTemplate.Replace("{" + name + "}", segment, StringComparison.Ordinal);
        foreach (var other in op.Parameters.Where(x => x.In == "path" && x.Name != name))
        {
            path = path.Replace("{" + other.Name + "}", "1", StringComparison.Ordinal);
        }
        return path;
    }

    private string BaselineQuery(OpenApiOperation op)
    {
        var parts = op.Parameters.Where(x => x.In == "query" && x.Required)
            .Select(x => x.Name + "=" + Uri.EscapeDataString(Convert.ToString(api.Sample(x.Schema), CultureInfo.InvariantCulture) ?? "1"));
        var query = string.Join('&', parts);
        return query.Length > 0 ? "?" + query : "";
    }

    private static string WithQuery(string query, string name, string rawValue)
    {
        var kept = query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith(name + "=", StringComparison.Ordinal));
        return "?" + string.Join('&', kept.Append(name + "=" + rawValue));
    }

    private static IEnumerable<(string Kind, byte[] Raw)> WholeBodies()
    {
        yield return ("malformed json", "{\"a\":"u8.ToArray());
        yield return ("trailing garbage", "{}}}]"u8.ToArray());
        yield return ("json null", "null"u8.ToArray());
        yield return ("json array", "[1,2,3]"u8.ToArray());
        yield return ("json string", "\"text\""u8.ToArray());
        yield return ("json number", "-1e400"u8.ToArray());
        yield return ("empty body", []);
        yield return ("deep nesting", Encoding.ASCII.GetBytes(new string('[', 5000) + new string(']', 5000)));
        yield return ("invalid utf8", [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]);
        yield return ("bom then json", [0xEF, 0xBB, 0xBF, 0x7B, 0x7D]);
        yield return ("raw nul", [0x7B, 0x00, 0x7D]);
        yield return ("duplicate keys", "{\"name\":\"a\",\"name\":\"b\",\"email\":1,\"email\":null}"u8.ToArray());
    }

    private static IEnumerable<(string Kind, string ContentType, byte[] Raw)> WrongContentTypes(byte[] body)
    {
        yield return ("text/plain", "text/plain", body);
        yield return ("application/xml", "application/xml", "<a><b>1</b></a>"u8.ToArray());
        yield return ("form-urlencoded", "application/x-www-form-urlencoded", "a=1&b=%00"u8.ToArray());
        yield return ("multipart junk", "multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../x.jpg\"\r\n\r\nnot an image\r\n--xyz--\r\n"u8.ToArray());
        yield return ("multipart no boundary", "multipart/form-data", "garbage"u8.ToArray());
        yield return ("bogus media type", "application/x-unknown;;;", body);
        yield return ("json wrong charset", "application/json; charset=utf-32", body);
    }

    private byte[] Oversized()
    {
        // A syntactically valid JSON string just above the configured body limit.
        var length = (int)Math.Min(oversizedBytes + 1024, 64L * 1024 * 1024);
        var bytes = new byte[length];
        Array.Fill(bytes, (byte)'a');
        bytes[0] = (byte)'"';
        bytes[^1] = (byte)'"';
        return bytes;
    }

    private static IEnumerable<(string Kind, object? Value)> PropertyValues(string type)
    {
        yield return ("null", null);
        yield return ("wrong type", type switch
        {
            "string" => (object)12345,
            "integer" or "number" => "not a number",
            "boolean" => "yes",
            "array" => new Dictionary<string, object?> { ["a"] = 1 },
            _ => new[] { 1, 2 },
        });
        if (type is "integer" or "number")
        {
            foreach (var (kind, raw) in HostileNumbers)
            {
                yield return (kind, new RawJson(raw));
            }
        }
        else if (type is "string" or "any")
        {
            foreach (var (kind, value) in HostileStrings)
            {
                // The serializer would repair a lone surrogate; the escape goes on the wire as a client could send it.
                yield return (kind, kind == "lone-surrogate" ? new RawJson("\"\\ud800\"") : value);
            }
        }
        else if (type == "array")
        {
            yield return ("huge array", Enumerable.Range(0, 20_000).ToArray());
            yield return ("array of nulls", new object?[] { null, null });
            yield return ("array of hostile numbers", new RawJson("[9223372036854775808,-1,1e400]"));
            yield return ("array of nul strings", new[] { "a\u0000b", "\u0001" });
        }
    }

    /// <summary>Serializes with raw JSON fragments (numbers out of any .NET range) kept as written.</summary>
    private static byte[] Serialize(Dictionary<string, object?> body)
    {
        var raws = new Dictionary<string, string>();
        var copy = new Dictionary<string, object?>();
        foreach (var (key, value) in body)
        {
            if (value is RawJson raw)
            {
                var marker = $"__raw_{raws.Count}__";
                raws[marker] = raw.Text;
                copy[key] = marker;
            }
            else
            {
                copy[key] = value;
            }
        }
        var json = JsonSerializer.Serialize(copy);
        foreach (var (marker, text) in raws)
        {
            json = json.Replace("\"" + marker + "\"", text, StringComparison.Ordinal);
        }
        return Encoding.UTF8.GetBytes(json);
    }

    private sealed record RawJson(string Text);
}
