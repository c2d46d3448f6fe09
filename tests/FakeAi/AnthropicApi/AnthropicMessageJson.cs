using System.Text.Json.Nodes;

namespace FakeAi.AnthropicApi;

/// <summary>The Messages API response object, shared by the plain answer and the stream's message_start.</summary>
internal static class AnthropicMessageJson
{
    internal static JsonObject Message(string id, string model, JsonArray content, string? stopReason, JsonObject usage) => new()
    {
        ["id"] = id,
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = model,
        ["content"] = content,
        ["stop_reason"] = stopReason,
        ["stop_sequence"] = null,
        ["usage"] = usage,
    };

    internal static JsonObject Usage(int inputTokens, int outputTokens) => new()
    {
        ["input_tokens"] = inputTokens,
        ["cache_creation_input_tokens"] = 0,
        ["cache_read_input_tokens"] = 0,
        ["output_tokens"] = outputTokens,
        ["service_tier"] = "standard",
    };

    internal static JsonObject Block(AnthropicBlock block, bool emptyInput = false) => block.ToolName is null
        ? new JsonObject { ["type"] = "text", ["text"] = emptyInput ? string.Empty : block.Text }
        : new JsonObject
        {
            ["type"] = "tool_use",
            ["id"] = block.ToolId,
            ["name"] = block.ToolName,
            ["input"] = emptyInput ? new JsonObject() : block.ToolInput!.DeepClone(),
        };
}
