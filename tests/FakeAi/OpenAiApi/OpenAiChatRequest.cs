using System.Text.Json;
using FakeAi.Content;

namespace FakeAi.OpenAiApi;

/// <summary>A validated <c>POST /v1/chat/completions</c> body.</summary>
internal sealed record OpenAiChatRequest(
    string Model,
    long? MaxTokens,
    bool Stream,
    bool IncludeUsageInStream,
    Conversation Conversation,
    int ImageTokens,
    string ResponseFormat,
    JsonElement? Schema,
    string? ForcedFunction,
    JsonElement? FunctionParameters,
    string SchemaText)
{
    internal IReadOnlyList<OfferedTool> Tools { get; init; } = [];

    internal string? ToolChoice { get; init; }
}
