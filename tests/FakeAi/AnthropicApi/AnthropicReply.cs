using System.Text.Json.Nodes;
using FakeAi.Content;
using FakeAi.Hosting;

namespace FakeAi.AnthropicApi;

/// <summary>One content block of the answer: text, or a tool call with its id.</summary>
internal sealed record AnthropicBlock(string? Text, string? ToolId, string? ToolName, JsonObject? ToolInput)
{
    internal bool IsTool => ToolName is not null;
}

/// <summary>What the fake model "decides" to answer: content blocks (text and tool calls) and why it stopped.</summary>
internal sealed record AnthropicReply(
    IReadOnlyList<AnthropicBlock> Blocks,
    string StopReason,
    int InputTokens,
    int OutputTokens)
{
    /// <summary>A streamed answer is cut by an <c>error</c> event after this many deltas.</summary>
    internal int? FailAfterDeltas { get; init; }

    internal FaultKind StreamFault { get; init; }

    internal static AnthropicReply For(AnthropicRequest request, ChatScript script)
    {
        var conversation = request.Conversation;
        var inputTokens = Math.Max(1, conversation.InputTokens(request.ImageTokens, request.SchemaText));
        if (ChatTurnPlanner.Applies(conversation, request.OutputSchema is not null, request.ToolChoiceType, request.Tools.Count, script))
        {
            var offered = request.Tools.Select(t => new OfferedTool(t.Name, t.InputSchema)).ToList();
            var planned = ChatTurnPlanner.Plan(conversation, offered, request.ToolChoiceType, script);
            var blocks = planned.Blocks.Select(b => b switch
            {
                ScriptedToolCall call => new AnthropicBlock(null, Ids.New("toolu_01"), call.Name, (JsonObject)call.Input.DeepClone()),
                ScriptedText text => new AnthropicBlock(text.Text, null, null, null),
                _ => throw new InvalidOperationException("unknown block"),
            }).ToList();
            return new AnthropicReply(blocks, planned.HasToolCalls ? "tool_use" : "end_turn", inputTokens, ChatTurnPlanner.OutputTokens(planned))
            {
                FailAfterDeltas = planned.FailAfterDeltas,
                StreamFault = planned.StreamFault,
            };
        }

        var photo = conversation.Images.Count > 0
            ? PhotoDescription.From(conversation.Images[0])
            : TextOnlyDescription(conversation);

        var tool = ChooseTool(request);
        if (tool is not null)
        {
            var input = SchemaFiller.Fill(tool.InputSchema, photo) as JsonObject ?? SchemaFiller.DefaultObject(photo);
            var outputTokens = TokenEstimator.Text(input.ToJsonString(JsonReply.Compact)) + 20;
            // A real model cut off mid tool call leaves the input unusable; clients must handle that case.
            return outputTokens > request.MaxTokens
                ? new AnthropicReply([new AnthropicBlock(null, Ids.New("toolu_01"), tool.Name, [])], "max_tokens", inputTokens, (int)request.MaxTokens)
                : new AnthropicReply([new AnthropicBlock(null, Ids.New("toolu_01"), tool.Name, input)], "tool_use", inputTokens, outputTokens);
        }

        var text = request.OutputSchema is { } schema
            ? SchemaFiller.Fill(schema, photo).ToJsonString(JsonReply.Compact)
            : ChatResponder.Answer(conversation);
        return Truncated(text, request.MaxTokens, inputTokens);
    }

    private static AnthropicReply Truncated(string text, long maxTokens, int inputTokens)
    {
        var tokens = Math.Max(1, TokenEstimator.Text(text));
        if (tokens <= maxTokens)
        {
            return new AnthropicReply([new AnthropicBlock(text, null, null, null)], "end_turn", inputTokens, tokens);
        }

        var cut = text[..(int)Math.Min(text.Length, maxTokens * 4)];
        return new AnthropicReply([new AnthropicBlock(cut, null, null, null)], "max_tokens", inputTokens, (int)maxTokens);
    }

    private static AnthropicTool? ChooseTool(AnthropicRequest request) => request.ToolChoiceType switch
    {
        "tool" => request.Tools.First(t => t.Name == request.ToolChoiceName),
        "any" => request.Tools[0],
        "none" => null,
        // With "auto" the fake only reaches for a tool when there is a picture to describe, the product's use.
        _ => request.Tools.Count > 0 && request.Conversation.Images.Count > 0 ? request.Tools[0] : null,
    };

    private static PhotoDescription TextOnlyDescription(Conversation conversation)
    {
        var answer = ChatResponder.Answer(conversation);
        var words = conversation.LastUserText
            .Split([' ', '\n', '\t', ',', '.', '?', '!', ';', ':'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.ToLowerInvariant())
            .Where(w => w.Length > 3)
            .Distinct(StringComparer.Ordinal)
            .Take(15)
            .Concat(["text", "request", "no image", "fake", "answer"])
            .Distinct(StringComparer.Ordinal)
            .Take(20)
            .ToList();
        return new PhotoDescription("Text answer", answer, words, 0, "unknown", [], "unknown", "unknown");
    }
}
