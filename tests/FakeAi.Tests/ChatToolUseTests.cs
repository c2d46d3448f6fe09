using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Anthropic;
using Anthropic.Core;
using Anthropic.Models.Messages;
using Xunit;

namespace FakeAi.Tests;

/// <summary>
/// Tool use and streaming as a chat feature sees them: text and tool_use blocks, input_json_delta fragments,
/// stop reasons and usage (Anthropic), tool_calls deltas by index (OpenAI), scripted answers and mid-stream errors.
/// </summary>
public sealed class ChatToolUseTests : IAsyncLifetime
{
    private const string SearchSchema = """{"type":"object","properties":{"query":{"type":"string"},"year":{"type":"integer"}},"required":["query"]}""";
    private FakeAnthropicServer _claude = null!;
    private FakeOpenAiServer _openAi = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        _claude = await FakeAnthropicServer.StartAsync();
        _openAi = await FakeOpenAiServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _claude.DisposeAsync();
        await _openAi.DisposeAsync();
    }

    private static JsonObject AnthropicChat(bool stream, params JsonNode[] messages) => new()
    {
        ["model"] = "claude-sonnet-4-5",
        ["max_tokens"] = 1024,
        ["stream"] = stream,
        ["system"] = "You answer questions about a photo library.",
        ["tools"] = new JsonArray(new JsonObject
        {
            ["name"] = "search_photos",
            ["description"] = "Search the library",
            ["input_schema"] = JsonNode.Parse(SearchSchema),
        }),
        ["messages"] = new JsonArray(messages),
    };

    private static JsonObject User(string text) => new() { ["role"] = "user", ["content"] = text };

    private async Task<List<(string Event, JsonElement Data)>> AnthropicEventsAsync(JsonObject body)
    {
        using var response = await _http.SendAsync(RawRequests.Anthropic(_claude.BaseUrl, body));
        Assert.Equal(200, (int)response.StatusCode);
        Assert.StartsWith("text/event-stream", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var events = new List<(string, JsonElement)>();
        string? name = null;
        foreach (var line in (await response.Content.ReadAsStringAsync()).Split('\n'))
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                using var data = JsonDocument.Parse(line[6..]);
                events.Add((name!, data.RootElement.Clone()));
            }
        }

        return events;
    }

    [Fact]
    public async Task Anthropic_stream_sends_a_text_block_then_a_tool_use_block_in_the_real_event_order()
    {
        _claude.Script.Enqueue(ScriptedReply.Tool("search_photos", new { query = "red barn autumn", year = 2019 }, "Let me look for barns."));
        var events = await AnthropicEventsAsync(AnthropicChat(true, User("Any red barns from 2019?")));

        var names = events.Select(e => e.Event).ToList();
        Assert.Equal(["message_start", "ping", "content_block_start"], names.Take(3));
        Assert.Equal(["content_block_stop", "message_delta", "message_stop"], names.TakeLast(3));
        var starts = events.Where(e => e.Event == "content_block_start").Select(e => e.Data).ToList();
        Assert.Equal(2, starts.Count);
        Assert.Equal("text", starts[0].GetProperty("content_block").GetProperty("type").GetString());
        var toolBlock = starts[1].GetProperty("content_block");
        Assert.Equal("tool_use", toolBlock.GetProperty("type").GetString());
        Assert.Equal("search_photos", toolBlock.GetProperty("name").GetString());
        Assert.StartsWith("toolu_", toolBlock.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Object, toolBlock.GetProperty("input").ValueKind);
        Assert.Empty(toolBlock.GetProperty("input").EnumerateObject());

        var deltas = events.Where(e => e.Event == "content_block_delta").Select(e => e.Data).ToList();
        var text = string.Concat(deltas.Where(d => d.GetProperty("index").GetInt32() == 0).Select(d => d.GetProperty("delta").GetProperty("text").GetString()));
        Assert.Equal("Let me look for barns.", text);
        var jsonDeltas = deltas.Where(d => d.GetProperty("index").GetInt32() == 1).Select(d => d.GetProperty("delta")).ToList();
        Assert.True(jsonDeltas.Count > 1, "the tool input should arrive in several input_json_delta fragments");
        Assert.All(jsonDeltas, d => Assert.Equal("input_json_delta", d.GetProperty("type").GetString()));
        using var input = JsonDocument.Parse(string.Concat(jsonDeltas.Select(d => d.GetProperty("partial_json").GetString())));
        Assert.Equal("red barn autumn", input.RootElement.GetProperty("query").GetString());
        Assert.Equal(2019, input.RootElement.GetProperty("year").GetInt32());

        var messageDelta = events.Single(e => e.Event == "message_delta").Data;
        Assert.Equal("tool_use", messageDelta.GetProperty("delta").GetProperty("stop_reason").GetString());
        Assert.True(messageDelta.GetProperty("usage").GetProperty("output_tokens").GetInt32() > 0);
        Assert.True(events[0].Data.GetProperty("message").GetProperty("usage").GetProperty("input_tokens").GetInt32() > 0);
    }

    [Fact]
    public async Task By_default_the_model_searches_for_the_question_then_cites_the_ids_the_tool_returned()
    {
        var client = new AnthropicClient(new ClientOptions { ApiKey = FakeAiOptions.DefaultTestKey, BaseUrl = _claude.BaseUrl, MaxRetries = 0 });
        var tool = new Tool
        {
            Name = "search_photos",
            Description = "Search the library",
            InputSchema = new InputSchema
            {
                Properties = new Dictionary<string, JsonElement> { ["query"] = JsonSerializer.SerializeToElement(new { type = "string" }) },
                Required = ["query"],
            },
        };
        var first = await client.Messages.Create(new MessageCreateParams
        {
            Model = "claude-sonnet-4-5",
            MaxTokens = 1024,
            Tools = [tool],
            Messages = [new UserMessageParam("Which of my red barn photos would work for a winter card?")],
        });
        var toolUse = first.Content.Select(c => c.TryPickToolUse(out var t) ? t : null).Single(t => t is not null)!;
        Assert.Equal("red barn winter card", toolUse.Input["query"].GetString());

        // The follow-up request as the SDK would send it, by hand: the assistant's tool_use, then the tool_result.
        var result = """<photos>[{"id":41,"title":"Red barn in snow"},{"id":7,"title":"Barn at dusk"}]</photos>""";
        var body = AnthropicChat(false,
            User("Which of my red barn photos would work for a winter card?"),
            new JsonObject
            {
                ["role"] = "assistant",
                ["content"] = new JsonArray(new JsonObject
                {
                    ["type"] = "tool_use",
                    ["id"] = toolUse.ID,
                    ["name"] = toolUse.Name,
                    ["input"] = new JsonObject { ["query"] = "red barn winter card" },
                }),
            },
            new JsonObject
            {
                ["role"] = "user",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "tool_result", ["tool_use_id"] = toolUse.ID, ["content"] = result }),
            });
        using var response = await _http.SendAsync(RawRequests.Anthropic(_claude.BaseUrl, body));
        var second = await RawRequests.JsonAsync(response);
        Assert.Equal("end_turn", second.GetProperty("stop_reason").GetString());
        var answer = second.GetProperty("content")[0].GetProperty("text").GetString();
        Assert.Contains("Red barn in snow [#41]", answer, StringComparison.Ordinal);
        Assert.Contains("Barn at dusk [#7]", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scripted_stream_can_be_cut_by_an_error_event_and_a_status_fault_carries_retry_after()
    {
        _claude.Script.Enqueue(ScriptedReply.Text("This answer will be interrupted before it is complete, mid-sentence.").CutAfter(2));
        var events = await AnthropicEventsAsync(AnthropicChat(true, User("Tell me about barns")));
        Assert.Equal(2, events.Count(e => e.Event == "content_block_delta"));
        var error = events[^1];
        Assert.Equal("error", error.Event);
        Assert.Equal("overloaded_error", error.Data.GetProperty("error").GetProperty("type").GetString());
        Assert.DoesNotContain(events, e => e.Event == "message_stop");

        _claude.Faults.Enqueue(FaultKind.Overloaded, retryAfter: TimeSpan.FromSeconds(3));
        using var overloaded = await _http.SendAsync(RawRequests.Anthropic(_claude.BaseUrl, AnthropicChat(true, User("again"))));
        Assert.Equal(529, (int)overloaded.StatusCode);
        Assert.Equal("3", overloaded.Headers.GetValues("retry-after").Single());
    }

    [Fact]
    public async Task Tool_choice_none_drops_scripted_tool_calls_as_a_real_model_could_not_call_them()
    {
        _claude.Script.Enqueue(ScriptedReply.Tool("search_photos", new { query = "more" }, "Here is what I have."));
        var body = AnthropicChat(false, User("Tell me about barns"));
        body["tool_choice"] = new JsonObject { ["type"] = "none" };
        using var response = await _http.SendAsync(RawRequests.Anthropic(_claude.BaseUrl, body));
        var message = await RawRequests.JsonAsync(response);
        Assert.Equal("end_turn", message.GetProperty("stop_reason").GetString());
        var block = Assert.Single(message.GetProperty("content").EnumerateArray());
        Assert.Equal("Here is what I have.", block.GetProperty("text").GetString());
        Assert.Contains("\"tool_choice\"", _claude.Calls.Log[^1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAi_stream_sends_parallel_tool_calls_as_indexed_fragments_with_finish_reason_and_usage()
    {
        _openAi.Script.Enqueue(ScriptedReply.Tools("search_photos", new { query = "vermont barns in autumn light" }, new { query = "people at the lake in summer" }));
        var body = new JsonObject
        {
            ["model"] = "gpt-4o-mini",
            ["stream"] = true,
            ["stream_options"] = new JsonObject { ["include_usage"] = true },
            ["tools"] = new JsonArray(new JsonObject
            {
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = "search_photos", ["parameters"] = JsonNode.Parse(SearchSchema) },
            }),
            ["messages"] = new JsonArray(User("barns and lakes")),
        };
        using var response = await _http.SendAsync(RawRequests.OpenAi(_openAi.BaseUrl, "/chat/completions", body));
        var chunks = (await response.Content.ReadAsStringAsync()).Split('\n')
            .Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => l[6..]).ToList();
        Assert.Equal("[DONE]", chunks[^1]);
        var parsed = chunks[..^1].Select(c => JsonDocument.Parse(c).RootElement).ToList();

        var fragments = parsed.Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta"))
            .Where(d => d.TryGetProperty("tool_calls", out _))
            .Select(d => d.GetProperty("tool_calls")[0]).ToList();
        var arguments = new Dictionary<int, StringBuilder>();
        foreach (var fragment in fragments)
        {
            var index = fragment.GetProperty("index").GetInt32();
            if (!arguments.ContainsKey(index))
            {
                Assert.StartsWith("call_", fragment.GetProperty("id").GetString(), StringComparison.Ordinal);
                Assert.Equal("search_photos", fragment.GetProperty("function").GetProperty("name").GetString());
                arguments[index] = new StringBuilder();
            }
            else
            {
                Assert.False(fragment.TryGetProperty("id", out _));
            }

            arguments[index].Append(fragment.GetProperty("function").GetProperty("arguments").GetString());
        }

        Assert.Equal([0, 1], arguments.Keys.Order());
        Assert.True(fragments.Count > 2);
        Assert.Equal("people at the lake in summer", JsonDocument.Parse(arguments[1].ToString()).RootElement.GetProperty("query").GetString());
        var finish = parsed.Select(c => c.GetProperty("choices")).Where(c => c.GetArrayLength() > 0)
            .Select(c => c[0].GetProperty("finish_reason")).Last(f => f.ValueKind == JsonValueKind.String);
        Assert.Equal("tool_calls", finish.GetString());
        var usage = parsed[^1];
        Assert.Equal(0, usage.GetProperty("choices").GetArrayLength());
        Assert.True(usage.GetProperty("usage").GetProperty("completion_tokens").GetInt32() > 0);
    }

    [Fact]
    public async Task OpenAi_answers_tool_results_with_citations_by_default()
    {
        var body = new JsonObject
        {
            ["model"] = "gpt-4o-mini",
            ["tools"] = new JsonArray(new JsonObject
            {
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = "search_photos", ["parameters"] = JsonNode.Parse(SearchSchema) },
            }),
            ["messages"] = new JsonArray(
                User("lake photos"),
                new JsonObject
                {
                    ["role"] = "assistant",
                    ["content"] = null,
                    ["tool_calls"] = new JsonArray(new JsonObject
                    {
                        ["id"] = "call_1",
                        ["type"] = "function",
                        ["function"] = new JsonObject { ["name"] = "search_photos", ["arguments"] = """{"query":"lake"}""" },
                    }),
                },
                new JsonObject { ["role"] = "tool", ["tool_call_id"] = "call_1", ["content"] = """{"photos":[{"id":12,"title":"Lake at dawn"}]}""" }),
        };
        using var response = await _http.SendAsync(RawRequests.OpenAi(_openAi.BaseUrl, "/chat/completions", body));
        var completion = await RawRequests.JsonAsync(response);
        var choice = completion.GetProperty("choices")[0];
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Contains("Lake at dawn [#12]", choice.GetProperty("message").GetProperty("content").GetString(), StringComparison.Ordinal);
    }
}
