using System.Text.Json.Nodes;
using FakeAi.Content;
using FakeAi.Hosting;

namespace FakeAi.OpenAiApi;

/// <summary>One function call of an answer: its id, name and JSON arguments text.</summary>
internal sealed record OpenAiToolCall(string Id, string Name, string Arguments);

/// <summary>The fake model's answer to a chat request: message content and/or function calls.</summary>
internal sealed record OpenAiChatReply(string? Content, string? FunctionName, string? Arguments, string FinishReason, int PromptTokens, int CompletionTokens)
{
    /// <summary>All function calls of the answer (the single forced one, or a chat turn's parallel calls).</summary>
    internal IReadOnlyList<OpenAiToolCall> ToolCalls { get; init; } = [];

    /// <summary>A scripted cut: after this many streamed deltas the stream carries an error object instead of the rest.</summary>
    internal int? FailAfterDeltas { get; init; }

    internal FaultKind StreamFault { get; init; } = FaultKind.Overloaded;

    internal static OpenAiChatReply For(OpenAiChatRequest request, ChatScript script)
    {
        var conversation = request.Conversation;
        var promptTokens = Math.Max(1, conversation.InputTokens(request.ImageTokens, request.SchemaText));
        if (ChatTurnPlanner.Applies(conversation, request.ResponseFormat == "json_schema", request.ToolChoice, request.Tools.Count, script))
        {
            var planned = ChatTurnPlanner.Plan(conversation, request.Tools, request.ToolChoice, script);
            var text = string.Concat(planned.Blocks.OfType<ScriptedText>().Select(t => t.Text));
            var calls = planned.Blocks.OfType<ScriptedToolCall>()
                .Select(c => new OpenAiToolCall(Ids.New("call_"), c.Name, c.Input.ToJsonString(JsonReply.Compact))).ToList();
            return new OpenAiChatReply(text.Length > 0 ? text : null, null, null, calls.Count > 0 ? "tool_calls" : "stop",
                promptTokens, ChatTurnPlanner.OutputTokens(planned))
            { ToolCalls = calls, FailAfterDeltas = planned.FailAfterDeltas, StreamFault = planned.StreamFault };
        }
        var photo = conversation.Images.Count > 0 ? PhotoDescription.From(conversation.Images[0]) : null;

        if (request.ForcedFunction is not null)
        {
            var arguments = Fill(request.FunctionParameters, photo, conversation).ToJsonString(JsonReply.Compact);
            return new OpenAiChatReply(null, request.ForcedFunction, arguments, "tool_calls", promptTokens, TokenEstimator.Text(arguments) + 10)
            {
                ToolCalls = [new OpenAiToolCall(Ids.New("call_"), request.ForcedFunction, arguments)],
            };
        }

        var content = request.ResponseFormat switch
        {
            "json_schema" => Fill(request.Schema, photo, conversation).ToJsonString(JsonReply.Compact),
            "json_object" => Fill(null, photo, conversation).ToJsonString(JsonReply.Compact),
            _ => ChatResponder.Answer(conversation),
        };

        var tokens = Math.Max(1, TokenEstimator.Text(content));
        if (request.MaxTokens is { } max && tokens > max)
        {
            return new OpenAiChatReply(content[..(int)Math.Min(content.Length, max * 4)], null, null, "length", promptTokens, (int)max);
        }

        return new OpenAiChatReply(content, null, null, "stop", promptTokens, tokens);
    }

    private static JsonNode Fill(System.Text.Json.JsonElement? schema, PhotoDescription? photo, Conversation conversation)
    {
        photo ??= new PhotoDescription(
            "Text answer", ChatResponder.Answer(conversation), ["text", "request", "no image", "fake", "answer"], 0, "unknown", [], "unknown", "unknown");
        return SchemaFiller.Fill(schema, photo);
    }
}
