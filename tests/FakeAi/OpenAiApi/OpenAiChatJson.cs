using System.Text.Json.Nodes;

namespace FakeAi.OpenAiApi;

/// <summary>Chat completion objects in the shape the OpenAI SDK deserialises.</summary>
internal static class OpenAiChatJson
{
    internal static JsonObject Completion(string id, long created, string model, OpenAiChatReply reply) => new()
    {
        ["id"] = id,
        ["object"] = "chat.completion",
        ["created"] = created,
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = Message(reply),
            ["logprobs"] = null,
            ["finish_reason"] = reply.FinishReason,
        }),
        ["usage"] = Usage(reply),
        ["service_tier"] = "default",
        ["system_fingerprint"] = "fp_fakeai01",
    };

    internal static JsonObject Usage(OpenAiChatReply reply) => new()
    {
        ["prompt_tokens"] = reply.PromptTokens,
        ["completion_tokens"] = reply.CompletionTokens,
        ["total_tokens"] = reply.PromptTokens + reply.CompletionTokens,
        ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = 0, ["audio_tokens"] = 0 },
        ["completion_tokens_details"] = new JsonObject
        {
            ["reasoning_tokens"] = 0,
            ["audio_tokens"] = 0,
            ["accepted_prediction_tokens"] = 0,
            ["rejected_prediction_tokens"] = 0,
        },
    };

    internal static JsonObject Chunk(string id, long created, string model, JsonObject delta, string? finishReason) => new()
    {
        ["id"] = id,
        ["object"] = "chat.completion.chunk",
        ["created"] = created,
        ["model"] = model,
        ["service_tier"] = "default",
        ["system_fingerprint"] = "fp_fakeai01",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["delta"] = delta,
            ["logprobs"] = null,
            ["finish_reason"] = finishReason,
        }),
    };

    /// <summary>
    /// One streamed fragment of call <paramref name="index"/>: the first carries id, type and name, the rest only
    /// argument text, exactly as the real stream does.
    /// </summary>
    internal static JsonArray ToolCallDelta(int index, OpenAiToolCall call, string arguments, bool first) =>
        new(first
            ? new JsonObject
            {
                ["index"] = index,
                ["id"] = call.Id,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = arguments },
            }
            : new JsonObject { ["index"] = index, ["function"] = new JsonObject { ["arguments"] = arguments } });

    private static JsonObject Message(OpenAiChatReply reply)
    {
        var message = new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = reply.Content,
            ["refusal"] = null,
            ["annotations"] = new JsonArray(),
        };
        if (reply.ToolCalls.Count > 0)
        {
            message["tool_calls"] = new JsonArray([.. reply.ToolCalls.Select(c => (JsonNode)new JsonObject
            {
                ["id"] = c.Id,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = c.Arguments },
            })]);
        }

        return message;
    }
}
