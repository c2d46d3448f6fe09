using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace FakeAi.Tests;

/// <summary>Wire-level behaviour of the fake OpenAI API.</summary>
public sealed class OpenAiHttpTests : IAsyncLifetime
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private Task<HttpResponseMessage> Send(string path, JsonNode body, string key = FakeAiOptions.DefaultTestKey) =>
        _http.SendAsync(RawRequests.OpenAi(_server.BaseUrl, path, body, key));

    private static JsonObject ChatWithImage(byte[] image) => new()
    {
        ["model"] = "gpt-4o-mini",
        ["max_completion_tokens"] = 500,
        ["messages"] = new JsonArray(new JsonObject
        {
            ["role"] = "user",
            ["content"] = new JsonArray(
                new JsonObject { ["type"] = "text", ["text"] = "Describe this photo." },
                new JsonObject
                {
                    ["type"] = "image_url",
                    ["image_url"] = new JsonObject { ["url"] = "data:image/jpeg;base64," + Convert.ToBase64String(image) },
                }),
        }),
        ["response_format"] = new JsonObject
        {
            ["type"] = "json_schema",
            ["json_schema"] = new JsonObject
            {
                ["name"] = "photo",
                ["strict"] = true,
                ["schema"] = JsonNode.Parse("""{"type":"object","properties":{"description":{"type":"string"},"keywords":{"type":"array","items":{"type":"string"}}},"required":["description","keywords"],"additionalProperties":false}"""),
            },
        },
    };

    private static async Task<JsonElement> ErrorAsync(HttpResponseMessage response)
    {
        var error = (await RawRequests.JsonAsync(response)).GetProperty("error");
        Assert.True(error.TryGetProperty("param", out _));
        Assert.True(error.TryGetProperty("code", out _));
        Assert.Equal(JsonValueKind.String, error.GetProperty("type").ValueKind);
        return error;
    }

    [Fact]
    public async Task ChatCompletionHasTheRealShape()
    {
        using var response = await Send("/chat/completions", ChatWithImage(TestImages.Red));
        var json = await RawRequests.JsonAsync(response);

        Assert.Equal("chat.completion", json.GetProperty("object").GetString());
        Assert.True(json.GetProperty("created").GetInt64() > 1_700_000_000);
        var choice = json.GetProperty("choices")[0];
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("message").GetProperty("refusal").ValueKind);
        using var content = JsonDocument.Parse(choice.GetProperty("message").GetProperty("content").GetString()!);
        Assert.Contains("red", content.RootElement.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));
        Assert.True(response.Headers.Contains("x-request-id"));
    }

    [Fact]
    public async Task BadKeyIs401WithInvalidApiKeyCode()
    {
        using var response = await Send("/chat/completions", ChatWithImage(TestImages.Red), key: "nope-123456789");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_api_key", (await ErrorAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task MissingMessagesIsMissingRequiredParameter()
    {
        using var response = await Send("/chat/completions", new JsonObject { ["model"] = "gpt-4o" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ErrorAsync(response);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal("messages", error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task UndecodableImageIsInvalidImageFormat()
    {
        using var response = await Send("/chat/completions", ChatWithImage("garbage"u8.ToArray()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_image_format", (await ErrorAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task RateLimitIs429WithRetryAfter()
    {
        _server.Options.RequestsPerMinute = 1;

        using var first = await Send("/chat/completions", ChatWithImage(TestImages.Red));
        using var second = await Send("/chat/completions", ChatWithImage(TestImages.Red));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal((HttpStatusCode)429, second.StatusCode);
        Assert.Equal("rate_limit_exceeded", (await ErrorAsync(second)).GetProperty("code").GetString());
        Assert.True(second.Headers.Contains("retry-after"));
        Assert.Equal("0", second.Headers.GetValues("x-ratelimit-remaining-requests").Single());
    }

    [Fact]
    public async Task EmbeddingsReturnFloatArraysWhenAsked()
    {
        using var response = await Send("/embeddings", new JsonObject
        {
            ["model"] = "text-embedding-3-large",
            ["input"] = new JsonArray("one", "two"),
            ["encoding_format"] = "float",
        });
        var json = await RawRequests.JsonAsync(response);

        Assert.Equal("list", json.GetProperty("object").GetString());
        Assert.Equal(2, json.GetProperty("data").GetArrayLength());
        Assert.Equal(3072, json.GetProperty("data")[1].GetProperty("embedding").GetArrayLength());
        Assert.Equal(1, json.GetProperty("data")[1].GetProperty("index").GetInt32());
        Assert.True(json.GetProperty("usage").GetProperty("total_tokens").GetInt32() > 0);
    }

    [Fact]
    public async Task ModelListIsOpenAiShaped()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _server.BaseUrl + "/models");
        request.Headers.Authorization = new("Bearer", FakeAiOptions.DefaultTestKey);
        using var response = await _http.SendAsync(request);
        var json = await RawRequests.JsonAsync(response);

        Assert.Equal("list", json.GetProperty("object").GetString());
        Assert.Contains(json.GetProperty("data").EnumerateArray(), m => m.GetProperty("id").GetString() == "text-embedding-3-small");
    }
}
