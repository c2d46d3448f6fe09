using System.Text.Json;
using Anthropic;
using Anthropic.Core;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Anthropic.Models.Models;
using Xunit;

namespace FakeAi.Tests;

/// <summary>The fake driven through the official Anthropic C# SDK, exactly as the product will call it.</summary>
public sealed class AnthropicSdkTests : IAsyncLifetime
{
    private FakeAnthropicServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeAnthropicServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private AnthropicClient Client(string key = FakeAiOptions.DefaultTestKey, int maxRetries = 2) =>
        new(new ClientOptions { ApiKey = key, BaseUrl = _server.BaseUrl, MaxRetries = maxRetries });

    private static MessageCreateParams DescribeWithTool(byte[] jpeg) => new()
    {
        Model = "claude-sonnet-4-5",
        MaxTokens = 1024,
        System = "You describe photos for a search index.",
        Messages =
        [
            new UserMessageParam(new List<ContentBlockParam>
            {
                new ImageBlockParam(new Base64ImageSource { Data = Convert.ToBase64String(jpeg), MediaType = MediaType.ImageJpeg }),
                new TextBlockParam("Describe this photo."),
            }),
        ],
        Tools =
        [
            new Tool
            {
                Name = "record_photo",
                Description = "Record the photo description",
                InputSchema = new InputSchema
                {
                    Properties = new Dictionary<string, JsonElement>
                    {
                        ["description"] = JsonSerializer.SerializeToElement(new { type = "string" }),
                        ["keywords"] = JsonSerializer.SerializeToElement(new { type = "array", items = new { type = "string" } }),
                        ["people_count"] = JsonSerializer.SerializeToElement(new { type = "integer" }),
                        ["setting"] = JsonSerializer.SerializeToElement(new { type = "string", @enum = new[] { "indoor", "outdoor", "unknown" } }),
                    },
                    Required = ["description", "keywords", "people_count", "setting"],
                },
            },
        ],
        ToolChoice = new ToolChoiceTool("record_photo"),
    };

    [Fact]
    public async Task ImageWithForcedToolReturnsToolUseWithColourKeywords()
    {
        var message = await Client().Messages.Create(DescribeWithTool(TestImages.Red));

        Assert.StartsWith("msg_", message.ID, StringComparison.Ordinal);
        Assert.Equal(StopReason.ToolUse, message.StopReason!.Value());
        var block = Assert.Single(message.Content);
        Assert.True(block.TryPickToolUse(out var toolUse));
        Assert.Equal("record_photo", toolUse!.Name);
        Assert.Contains("red", toolUse.Input["description"].GetString()!, StringComparison.Ordinal);
        var keywords = toolUse.Input["keywords"].EnumerateArray().Select(k => k.GetString()).ToList();
        Assert.Contains("red", keywords);
        Assert.InRange(keywords.Count, 5, 20);
        Assert.Equal(0, toolUse.Input["people_count"].GetInt32());
        Assert.Contains(toolUse.Input["setting"].GetString(), new[] { "indoor", "outdoor", "unknown" });
        Assert.True(message.Usage.InputTokens >= 320 * 200 / 750);
        Assert.True(message.Usage.OutputTokens > 0);
        Assert.Equal(1, _server.Calls.CallsForImage(TestImages.Red));
    }

    [Fact]
    public async Task SdkAuthenticatesWithBearerAndSendsTheVersionHeader()
    {
        await Client().Messages.Create(DescribeWithTool(TestImages.Red));

        var call = Assert.Single(_server.Calls.Log);
        Assert.Equal(FakeAiOptions.DefaultTestKey, call.ApiKey);
        // Seen from SDK 13.14.0: "Authorization: Bearer <key>" and "anthropic-version: 2026-10-21" (not 2023-06-01),
        // so the fake requires the header's presence but not a particular date.
        Assert.Equal("authorization", call.AuthHeader);
        Assert.False(string.IsNullOrEmpty(call.Headers["anthropic-version"]));
        Assert.StartsWith("AnthropicClient/C# 13.14.0", call.Headers["User-Agent"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutputConfigJsonSchemaReturnsJsonText()
    {
        var parameters = DescribeWithTool(TestImages.Blue) with
        {
            Tools = null,
            ToolChoice = null,
            OutputConfig = new OutputConfig
            {
                Format = new JsonOutputFormat
                {
                    Schema = new Dictionary<string, JsonElement>
                    {
                        ["type"] = JsonSerializer.SerializeToElement("object"),
                        ["properties"] = JsonSerializer.SerializeToElement(new
                        {
                            caption = new { type = "string" },
                            tags = new { type = "array", items = new { type = "string" } },
                        }),
                        ["required"] = JsonSerializer.SerializeToElement(new[] { "caption", "tags" }),
                        ["additionalProperties"] = JsonSerializer.SerializeToElement(false),
                    },
                },
            },
        };

        var message = await Client().Messages.Create(parameters);

        Assert.Equal(StopReason.EndTurn, message.StopReason!.Value());
        Assert.True(message.Content[0].TryPickText(out var text));
        using var json = JsonDocument.Parse(text!.Text);
        Assert.Contains("blue", json.RootElement.GetProperty("caption").GetString()!, StringComparison.Ordinal);
        Assert.Contains("portrait", json.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task PlainTextChatCitesMatchingPhotoFromList()
    {
        var message = await Client().Messages.Create(new MessageCreateParams
        {
            Model = "claude-haiku-4-5",
            MaxTokens = 500,
            System = "Photos:\n- [p1] A bright beach at sunset with orange sky\n- [p2] A dark forest with green ferns\n- [p3] A red car in a city street",
            Messages = [new UserMessageParam("Which photos show a forest?")],
        });

        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.Contains("[p2] A dark forest", text!.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("red car", text.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamingDeliversSameToolInputAsNonStreaming()
    {
        var parameters = DescribeWithTool(TestImages.Red);
        var expected = await Client().Messages.Create(parameters);
        Assert.True(expected.Content[0].TryPickToolUse(out var expectedTool));

        var json = new System.Text.StringBuilder();
        var events = new List<string>();
        await foreach (var streamEvent in Client().Messages.CreateStreaming(parameters))
        {
            events.Add(streamEvent.Json.GetProperty("type").GetString()!);
            if (streamEvent.TryPickContentBlockDelta(out var delta) && delta!.Delta.TryPickInputJson(out var inputJson))
            {
                json.Append(inputJson!.PartialJson);
            }
        }

        Assert.Equal("message_start", events[0]);
        Assert.Contains("content_block_delta", events);
        Assert.Equal("message_stop", events[^1]);
        using var streamed = JsonDocument.Parse(json.ToString());
        Assert.Equal(
            expectedTool!.Input["description"].GetString(),
            streamed.RootElement.GetProperty("description").GetString());
    }

    [Fact]
    public async Task StreamingTextArrivesInSeveralDeltas()
    {
        var text = new System.Text.StringBuilder();
        var deltas = 0;
        await foreach (var streamEvent in Client().Messages.CreateStreaming(new MessageCreateParams
        {
            Model = "claude-sonnet-4-5",
            MaxTokens = 400,
            Messages = [new UserMessageParam("Tell me something about my photo library please.")],
        }))
        {
            if (streamEvent.TryPickContentBlockDelta(out var delta) && delta!.Delta.TryPickText(out var textDelta))
            {
                text.Append(textDelta!.Text);
                deltas++;
            }
        }

        Assert.True(deltas > 1);
        Assert.Contains("Tell me something about my photo library please.", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SdkRetriesOverloadedAndSucceeds()
    {
        _server.Faults.Enqueue(FaultKind.Overloaded, retryAfter: TimeSpan.Zero);

        var message = await Client().Messages.Create(DescribeWithTool(TestImages.Red));

        Assert.Equal(StopReason.ToolUse, message.StopReason!.Value());
        Assert.Equal(2, _server.Calls.TotalCalls);
        Assert.Equal(1, _server.Calls.SucceededCalls);
        Assert.Equal(2, _server.Calls.CallsForImage(TestImages.Red));
        Assert.Equal(FaultKind.Overloaded, _server.Calls.Log[0].Fault);
        Assert.Equal(529, _server.Calls.Log[0].StatusCode);
    }

    [Fact]
    public async Task RateLimitSurfacesAsRateLimitExceptionWithoutRetries()
    {
        _server.Faults.Enqueue(FaultKind.RateLimited, retryAfter: TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<AnthropicRateLimitException>(() => Client(maxRetries: 0).Messages.Create(DescribeWithTool(TestImages.Red)));

        Assert.Equal(429, (int)error.StatusCode);
        Assert.Contains("rate_limit_error", error.ResponseBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadKeyIsRejectedWith401()
    {
        var error = await Assert.ThrowsAnyAsync<AnthropicApiException>(() => Client("not-a-key").Messages.Create(DescribeWithTool(TestImages.Red)));

        Assert.Equal(401, (int)error.StatusCode);
        Assert.Contains("authentication_error", error.ResponseBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelListWorksForKeyChecks()
    {
        var page = await Client().Models.List(new ModelListParams());

        Assert.Contains(page.Items, m => m.ID == "claude-sonnet-4-5");
    }
}
