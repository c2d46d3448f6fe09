using System.Text.Json.Nodes;
using FakeAi.Content;
using FakeAi.Hosting;

namespace FakeAi.OpenAiApi;

/// <summary>The fake model's answer to a chat request: message content or one function call.</summary>
internal sealed record OpenAiChatReply(string? Content, string? FunctionName, string? Arguments, string FinishReason, int PromptTokens, int CompletionTokens)
{
    internal static OpenAiChatReply For(OpenAiChatRequest request)
    {
        var conversation = request.Conversation;
        var promptTokens = Math.Max(1, conversation.InputTokens(request.ImageTokens, request.SchemaText));
        var photo = conversation.Images.Count > 0 ? PhotoDescription.From(conversation.Images[0]) : null;

        if (request.ForcedFunction is not null)
        {
            var arguments = Fill(request.FunctionParameters, photo, conversation).ToJsonString(JsonReply.Compact);
            return new OpenAiChatReply(null, request.ForcedFunction, arguments, "tool_calls", promptTokens, TokenEstimator.Text(arguments) + 10);
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
