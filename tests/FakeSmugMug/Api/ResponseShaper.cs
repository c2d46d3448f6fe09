using System.Text.Json.Nodes;

namespace FakeSmugMug.Api;

/// <summary>
/// Wraps a payload in SmugMug's envelope and applies the response options: <c>_expand</c> (to the top-level
/// Expansions map keyed by URI, or inline with <c>_expandmethod=inline</c>), <c>_filter</c>, <c>_filteruri</c>,
/// <c>_shorturis</c> and <c>_verbosity</c>.
/// </summary>
public static class ResponseShaper
{
    public static JsonObject Envelope(ApiContext ctx, string method, string path, QueryParameters query, ApiResult result)
    {
        var expansions = new JsonObject();
        var inline = string.Equals(query.Get("_expandmethod"), "inline", StringComparison.OrdinalIgnoreCase);
        var expand = query.GetList("_expand");
        foreach (var obj in Objects(result.Payload))
        {
            Expand(ctx, obj, expand, inline, expansions, depth: 0);
        }

        if (query.Has("_filter"))
        {
            var keep = query.GetList("_filter").ToHashSet(StringComparer.Ordinal);
            foreach (var obj in Objects(result.Payload))
            {
                foreach (var name in obj.Select(p => p.Key).Where(k => !keep.Contains(k) && k is not "Uri" and not "Uris").ToList())
                {
                    obj.Remove(name);
                }
            }
        }

        if (query.Has("_filteruri"))
        {
            var keep = query.GetList("_filteruri").ToHashSet(StringComparer.Ordinal);
            foreach (var obj in Objects(result.Payload))
            {
                if (obj["Uris"] is JsonObject uris)
                {
                    foreach (var name in uris.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
                    {
                        uris.Remove(name);
                    }
                }
            }
        }

        var response = Block(result);
        var envelope = new JsonObject
        {
            ["Request"] = new JsonObject
            {
                ["Version"] = "v2",
                ["Method"] = method,
                ["Uri"] = path + query.ToEchoString(),
            },
            ["Options"] = Options(method, query),
            ["Response"] = response,
            ["Code"] = 200,
            ["Message"] = "Ok",
        };
        if (expansions.Count > 0)
        {
            envelope["Expansions"] = expansions;
        }

        if (query.Has("_shorturis"))
        {
            ShortenUris(response);
            ShortenUris(expansions);
        }

        return envelope;
    }

    public static JsonObject Error(int code, string message) => new() { ["Code"] = code, ["Message"] = message };

    /// <summary>The Response block; an empty collection has no payload key at all, which clients must tolerate.</summary>
    private static JsonObject Block(ApiResult result)
    {
        var block = new JsonObject
        {
            ["Uri"] = result.Uri,
            ["Locator"] = result.Locator,
            ["LocatorType"] = result.LocatorType,
        };
        if (result.Payload is not JsonArray { Count: 0 })
        {
            block[result.Locator] = result.Payload;
        }

        if (result.Pages is not null)
        {
            block["Pages"] = result.Pages;
        }

        return block;
    }

    private static void Expand(ApiContext ctx, JsonObject obj, IReadOnlyList<string> names, bool inline, JsonObject expansions, int depth)
    {
        if (names.Count == 0 || depth > 4 || obj["Uris"] is not JsonObject uris)
        {
            return;
        }

        foreach (var group in names.GroupBy(n => n.Split('.', 2)[0], StringComparer.Ordinal))
        {
            if (uris[group.Key] is not JsonObject entry || entry["Uri"]?.GetValue<string>() is not { } uri)
            {
                continue;
            }

            ApiResult sub;
            try
            {
                var q = uri.IndexOf('?', StringComparison.Ordinal);
                sub = ApiResolver.Resolve(ctx, q < 0 ? uri : uri[..q], QueryParameters.Parse(q < 0 ? null : uri[q..]));
            }
            catch (ApiException)
            {
                // SmugMug leaves out expansions it cannot resolve (no cover image, no access) instead of failing.
                continue;
            }

            var nested = group.Where(n => n.Contains('.', StringComparison.Ordinal)).Select(n => n.Split('.', 2)[1]).ToList();
            foreach (var child in Objects(sub.Payload))
            {
                Expand(ctx, child, nested, inline, expansions, depth + 1);
            }

            if (inline)
            {
                if (sub.Payload is not JsonArray { Count: 0 })
                {
                    entry[sub.Locator] = sub.Payload;
                }

                if (sub.Pages is not null)
                {
                    entry["Pages"] = sub.Pages;
                }
            }
            else
            {
                expansions[uri] = Block(sub);
            }
        }
    }

    private static IEnumerable<JsonObject> Objects(JsonNode payload) =>
        payload switch
        {
            JsonArray a => a.OfType<JsonObject>(),
            JsonObject o => [o],
            _ => [],
        };

    private static JsonObject Options(string method, QueryParameters query)
    {
        var options = new JsonObject
        {
            ["MediaTypes"] = new JsonArray("application/json", "application/vnd.php.serialized", "application/x-javascript", "text/html"),
        };
        if (query.Get("_verbosity") is not "1")
        {
            options["MethodDetails"] = new JsonObject { [method] = new JsonObject { ["Permissions"] = new JsonArray(method == "GET" ? "Read" : "Modify") } };
            options["Methods"] = new JsonArray("GET", "PATCH", "OPTIONS");
        }

        return options;
    }

    /// <summary>Turns <c>Uris</c> entries into plain strings, except those carrying an inline expansion.</summary>
    private static void ShortenUris(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["Uris"] is JsonObject uris)
                {
                    foreach (var (name, value) in uris.ToList())
                    {
                        if (value is JsonObject entry && entry["Uri"] is { } u && entry["Locator"] is { } loc
                            && !entry.ContainsKey(loc.GetValue<string>()))
                        {
                            uris[name] = u.GetValue<string>();
                        }
                    }
                }

                foreach (var (_, child) in o.ToList())
                {
                    ShortenUris(child);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    ShortenUris(child);
                }

                break;
        }
    }
}
