using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using TargetVision.Tests.Chat;

namespace TargetVision.Tests.Mcp;

/// <summary>The MCP server driven by the official SDK's own client against the running app.</summary>
public sealed class McpServerTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    private static HttpRequestMessage Initialize(string? bearer)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = JsonContent.Create(new
            {
                jsonrpc = "2.0",
                id = 1,
                method = "initialize",
                @params = new { protocolVersion = "2025-06-18", capabilities = new { }, clientInfo = new { name = "test", version = "1" } },
            }),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        return request;
    }

    private async Task<McpClient> ConnectAsync(string token, HttpClient? over = null)
    {
        var http = over ?? fixture.App.CreateDefaultClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var transport = new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(http.BaseAddress!, "/mcp") }, http, ownsHttpClient: true);
        return await McpClient.CreateAsync(transport);
    }

    [Fact]
    public async Task The_server_is_off_until_a_token_exists_and_answers_only_valid_bearer_tokens()
    {
        using var anonymous = fixture.App.CreateDefaultClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(Initialize(null))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(Initialize("tvmcp_not-a-real-token"))).StatusCode);
        // The owner's browser session is not a way in either.
        using var session = await fixture.OwnerAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.Client.SendAsync(Initialize(null))).StatusCode);

        var created = await (await session.PostAsync("/api/mcp/tokens", new { name = "Claude Desktop" })).Content.ReadFromJsonAsync<JsonElement>();
        var secret = created.GetProperty("secret").GetString()!;
        var id = created.GetProperty("token").GetProperty("id").GetInt64();
        Assert.StartsWith("tvmcp_", secret, StringComparison.Ordinal);
        var listed = await session.GetJsonAsync("/api/mcp/tokens");
        Assert.DoesNotContain(secret, listed.ToString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, listed.EnumerateArray().Single(t => t.GetProperty("id").GetInt64() == id).GetProperty("lastUsedAt").ValueKind);
        Assert.Equal(0, await fixture.Data.ScalarAsync<long>("SELECT count(*) FROM mcp_tokens WHERE position(convert_to(@s, 'UTF8') in hash) > 0", ("s", secret)));

        Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(Initialize(secret))).StatusCode);
        // The token opens /mcp only, never the app's API.
        using var bearerOnApi = new HttpRequestMessage(HttpMethod.Get, "/api/chat/conversations");
        bearerOnApi.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(bearerOnApi)).StatusCode);

        listed = await session.GetJsonAsync("/api/mcp/tokens");
        Assert.NotEqual(JsonValueKind.Null, listed.EnumerateArray().Single(t => t.GetProperty("id").GetInt64() == id).GetProperty("lastUsedAt").ValueKind);
        Assert.Equal(HttpStatusCode.NoContent, (await session.DeleteAsync($"/api/mcp/tokens/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(Initialize(secret))).StatusCode);
        await ProblemAssert.IsValidationProblem(await session.PostAsync("/api/mcp/tokens", new { name = "" }), "name");
    }

    [Fact]
    public async Task The_sdk_client_lists_two_read_only_tools_searches_and_gets_a_photo()
    {
        using var session = await fixture.OwnerAsync();
        var created = await (await session.PostAsync("/api/mcp/tokens", new { name = "SDK test" })).Content.ReadFromJsonAsync<JsonElement>();
        await using var client = await ConnectAsync(created.GetProperty("secret").GetString()!);

        var tools = await client.ListToolsAsync();
        Assert.Equal(["get_photo", "search_photos"], tools.Select(t => t.Name).Order());
        Assert.All(tools, t => Assert.True(t.ProtocolTool.Annotations?.ReadOnlyHint));

        var search = await client.CallToolAsync("search_photos", new Dictionary<string, object?> { ["query"] = "barn", ["from"] = "2019-12-01" });
        Assert.NotEqual(true, search.IsError);
        using var found = JsonDocument.Parse(Assert.IsType<TextContentBlock>(search.Content[0]).Text);
        var photo = Assert.Single(found.RootElement.GetProperty("photos").EnumerateArray());
        Assert.Equal(fixture.BarnInSnow, photo.GetProperty("id").GetInt32());
        Assert.EndsWith($"/mcp/photos/{fixture.BarnInSnow}/thumbnail", photo.GetProperty("thumbnail").GetString(), StringComparison.Ordinal);

        var detail = await client.CallToolAsync("get_photo", new Dictionary<string, object?> { ["id"] = fixture.BarnInSnow });
        using var one = JsonDocument.Parse(Assert.IsType<TextContentBlock>(detail.Content[0]).Text);
        Assert.Equal("A weathered barn under fresh snow, a quiet winter morning.", one.RootElement.GetProperty("description").GetString());
        Assert.Contains("snow", one.RootElement.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));

        var missing = await client.CallToolAsync("get_photo", new Dictionary<string, object?> { ["id"] = 987_654 });
        Assert.True(missing.IsError);
        var bad = await client.CallToolAsync("search_photos", new Dictionary<string, object?> { ["query"] = "barn", ["from"] = "last year" });
        Assert.True(bad.IsError);
    }

    [Fact]
    public async Task Over_a_real_socket_the_sdk_client_initialises_and_searches()
    {
        // Kestrel on a loopback port instead of the in-memory test server: the transport's real HTTP framing,
        // chunked event streams and connection reuse.
        await using var app = new TargetVisionApp(fixture.Database, fixture.Settings());
        var baseUrl = app.StartRealServer();
        Assert.NotEqual(0, baseUrl.Port);
        using var session = await fixture.OwnerAsync(app);
        var created = await (await session.PostAsync("/api/mcp/tokens", new { name = "Real socket" })).Content.ReadFromJsonAsync<JsonElement>();
        await using var client = await ConnectAsync(created.GetProperty("secret").GetString()!, new HttpClient { BaseAddress = baseUrl });

        Assert.Equal(["get_photo", "search_photos"], (await client.ListToolsAsync()).Select(t => t.Name).Order());
        var search = await client.CallToolAsync("search_photos", new Dictionary<string, object?> { ["query"] = "barn", ["from"] = "2019-12-01" });
        Assert.NotEqual(true, search.IsError);
        using var found = JsonDocument.Parse(Assert.IsType<TextContentBlock>(search.Content[0]).Text);
        Assert.Equal(fixture.BarnInSnow, Assert.Single(found.RootElement.GetProperty("photos").EnumerateArray()).GetProperty("id").GetInt32());
    }
}
