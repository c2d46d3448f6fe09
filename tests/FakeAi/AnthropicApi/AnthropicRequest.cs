using System.Text.Json;
using FakeAi.Content;

namespace FakeAi.AnthropicApi;

/// <summary>A validated <c>POST /v1/messages</c> body.</summary>
internal sealed record AnthropicRequest(
    string Model,
    long MaxTokens,
    bool Stream,
    Conversation Conversation,
    int ImageTokens,
    IReadOnlyList<AnthropicTool> Tools,
    string? ToolChoiceType,
    string? ToolChoiceName,
    JsonElement? OutputSchema,
    string SchemaText);

internal sealed record AnthropicTool(string Name, JsonElement InputSchema);
