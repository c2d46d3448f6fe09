using System.Text.Json;
using System.Text.Json.Nodes;
using FakeSmugMug.Hosting;
using FakeSmugMug.OAuth;

namespace FakeSmugMug.Api;

/// <summary>
/// Handles everything under /api/v2: OAuth check, GET through the resolver, PATCH of image metadata, POST to create
/// albums and collect images (<see cref="ApiWrites"/>).
/// </summary>
public static class ApiEndpoint
{
    public static async Task HandleAsync(HttpContext http, ServerState state)
    {
        var ct = http.RequestAborted;
        var oauth = await OAuthRequest.ReadAsync(http.Request, ct);
        var check = state.Verifier.Verify(oauth, OAuthTokenKind.Access);
        if (!check.Ok)
        {
            http.Response.Headers.WWWAuthenticate = "OAuth realm=\"SmugMug\"";
            await JsonReply.WriteAsync(http, 401, ResponseShaper.Error(401, "Unauthorized: oauth_problem=" + check.Problem));
            return;
        }

        var path = http.Request.Path.Value ?? "/";
        var query = QueryParameters.Parse(http.Request.QueryString.Value);
        var ctx = new ApiContext(state.Library, state.Options, check.AccessToken!.Grant, state.PublicBaseUrl(http.Request));
        try
        {
            JsonObject body;
            var status = 200;
            switch (http.Request.Method)
            {
                case "GET" or "HEAD":
                    lock (state.Library.SyncRoot)
                    {
                        var result = ApiResolver.Resolve(ctx, path, query);
                        body = ResponseShaper.Envelope(ctx, "GET", path, query, result);
                    }

                    break;
                case "PATCH":
                    body = await PatchAsync(http, ctx, path, query);
                    break;
                case "POST":
                    (status, body) = await ApiWrites.PostAsync(http, ctx, path, query);
                    break;
                default:
                    throw new ApiException(405, "Method Not Allowed");
            }

            await JsonReply.WriteAsync(http, status, body);
        }
        catch (ApiException e)
        {
            await JsonReply.WriteAsync(http, e.StatusCode, ResponseShaper.Error(e.StatusCode, e.Message));
        }
    }

    private static async Task<JsonObject> PatchAsync(HttpContext http, ApiContext ctx, string path, QueryParameters query)
    {
        if (ctx.Grant.Permissions < PermissionLevel.Modify)
        {
            throw new ApiException(403, "The user has not granted the required permissions");
        }

        var changes = await ReadChangesAsync(http.Request, http.RequestAborted);
        lock (ctx.Library.SyncRoot)
        {
            var image = ApiResolver.ImageForPatch(ctx, path);
            ctx.Library.UpdateImage(image, i =>
            {
                if (changes.Title is not null)
                {
                    i.Title = changes.Title;
                }

                if (changes.Caption is not null)
                {
                    i.Caption = changes.Caption;
                }

                if (changes.Keywords is not null)
                {
                    i.Keywords.Clear();
                    i.Keywords.AddRange(changes.Keywords);
                }
            });
            var result = new ApiResult(ApiJson.ImageUri(image), "Image", ApiJson.Image(ctx, image, asAlbumImage: false), null);
            return ResponseShaper.Envelope(ctx, "PATCH", path, query, result);
        }
    }

    private sealed record Changes(string? Title, string? Caption, List<string>? Keywords);

    private static async Task<Changes> ReadChangesAsync(HttpRequest request, CancellationToken ct)
    {
        string? title = null, caption = null;
        List<string>? keywords = null;
        if (request.HasFormContentType)
        {
            using var reader = new StreamReader(request.Body);
            foreach (var (k, v) in OAuthEncoding.ParseForm(await reader.ReadToEndAsync(ct)))
            {
                switch (k)
                {
                    case "Title": title = v; break;
                    case "Caption": caption = v; break;
                    case "Keywords": keywords = SplitKeywords(v); break;
                }
            }

            return new(title, caption, keywords);
        }

        var o = await ReadJsonObjectAsync(request, ct);

        title = Text(o, "Title");
        caption = Text(o, "Caption");
        if (o["KeywordArray"] is JsonArray arr)
        {
            keywords = [.. arr.OfType<JsonValue>().Select(n => n.GetValue<string>().Trim()).Where(s => s.Length > 0)];
        }
        else if (Text(o, "Keywords") is { } kw)
        {
            keywords = SplitKeywords(kw);
        }

        return new(title, caption, keywords);
    }

    /// <summary>The body as a JSON object; anything else is SmugMug's 400.</summary>
    internal static async Task<JsonObject> ReadJsonObjectAsync(HttpRequest request, CancellationToken ct)
    {
        JsonNode? json;
        try
        {
            json = await JsonNode.ParseAsync(request.Body, cancellationToken: ct);
        }
        catch (JsonException)
        {
            throw new ApiException(400, "Bad Request: body is not valid JSON");
        }

        return json as JsonObject ?? throw new ApiException(400, "Bad Request: expected a JSON object");
    }

    private static string? Text(JsonObject o, string name) =>
        o[name] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => throw new ApiException(400, $"Bad Request: {name} must be a string"),
        };

    /// <summary>SmugMug accepts commas or semicolons and always answers with "; ".</summary>
    private static List<string> SplitKeywords(string value) =>
        [.. value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
