using System.Text.Json.Nodes;
using FakeAi.Content;
using FakeAi.Hosting;

namespace FakeAi.AnthropicApi;

/// <summary>What the fake model "decides" to answer: one text block or one tool call.</summary>
internal sealed record AnthropicReply(
    string? Text,
    string? ToolId,
    string? ToolName,
    JsonObject? ToolInput,
    string StopReason,
    int InputTokens,
    int OutputTokens)
{
    internal static AnthropicReply For(AnthropicRequest request)
    {
        var conversation = request.Conversation;
        var inputTokens = Math.Max(1, conversation.InputTokens(request.ImageTokens, request.SchemaText));
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
                ? new AnthropicReply(null, Ids.New("toolu_01"), tool.Name, [], "max_tokens", inputTokens, (int)request.MaxTokens)
                : new AnthropicReply(null, Ids.New("toolu_01"), tool.Name, input, "tool_use", inputTokens, outputTokens);
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
            return new AnthropicReply(text, null, null, null, "end_turn", inputTokens, tokens);
        }

        return new AnthropicReply(text[..(int)Math.Min(text.Length, maxTokens * 4)], null, null, null, "max_tokens", inputTokens, (int)maxTokens);
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
