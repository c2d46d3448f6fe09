using System.Text.Json.Nodes;
using FakeAi.Hosting;

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

    internal static JsonArray ToolCalls(OpenAiChatReply reply, string callId, string arguments, bool first) =>
        new(new JsonObject
        {
            ["index"] = 0,
            ["id"] = first ? callId : null,
            ["type"] = first ? "function" : null,
            ["function"] = new JsonObject { ["name"] = first ? reply.FunctionName : null, ["arguments"] = arguments },
        });

    private static JsonObject Message(OpenAiChatReply reply)
    {
        var message = new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = reply.Content,
            ["refusal"] = null,
            ["annotations"] = new JsonArray(),
        };
        if (reply.FunctionName is not null)
        {
            message["tool_calls"] = new JsonArray(new JsonObject
            {
                ["id"] = Ids.New("call_"),
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = reply.FunctionName, ["arguments"] = reply.Arguments },
            });
        }

        return message;
    }
}
