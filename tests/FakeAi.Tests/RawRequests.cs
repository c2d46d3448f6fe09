using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FakeAi.Tests;

/// <summary>Hand-built requests for the wire details an SDK hides: envelopes, headers, status codes.</summary>
internal static class RawRequests
{
    internal static JsonObject MessageWithImage(byte[] image, string mediaType = "image/jpeg", int maxTokens = 1024) => new()
    {
        ["model"] = "claude-sonnet-4-5",
        ["max_tokens"] = maxTokens,
        ["messages"] = new JsonArray(new JsonObject
        {
            ["role"] = "user",
            ["content"] = new JsonArray(
                new JsonObject
                {
                    ["type"] = "image",
                    ["source"] = new JsonObject { ["type"] = "base64", ["media_type"] = mediaType, ["data"] = Convert.ToBase64String(image) },
                },
                new JsonObject { ["type"] = "text", ["text"] = "Describe this photo." }),
        }),
        ["tools"] = new JsonArray(new JsonObject
        {
            ["name"] = "record_photo",
            ["input_schema"] = JsonNode.Parse("""{"type":"object","properties":{"description":{"type":"string"},"keywords":{"type":"array","items":{"type":"string"}},"people_count":{"type":"integer"},"setting":{"type":"string"}}}"""),
        }),
        ["tool_choice"] = new JsonObject { ["type"] = "tool", ["name"] = "record_photo" },
    };

    internal static HttpRequestMessage Anthropic(string baseUrl, JsonNode body, string? key = FakeAiOptions.DefaultTestKey, bool bearer = false, bool version = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/v1/messages") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            if (bearer)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }
            else
            {
                request.Headers.Add("x-api-key", key);
            }
        }

        if (version)
        {
            request.Headers.Add("anthropic-version", "2023-06-01");
        }

        return request;
    }

    internal static HttpRequestMessage OpenAi(string endpoint, string path, JsonNode body, string key = FakeAiOptions.DefaultTestKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint + path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }

    internal static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
