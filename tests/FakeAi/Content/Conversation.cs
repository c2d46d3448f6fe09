using System.Text.Json.Nodes;

namespace FakeAi.Content;

/// <summary>The provider-neutral gist of a request: what was said and which images were shown.</summary>
internal sealed class Conversation
{
    internal List<string> SystemTexts { get; } = [];

    internal List<(string Role, string Text)> Turns { get; } = [];

    internal List<ImageFacts> Images { get; } = [];

    /// <summary>Tool results the request ends with (the model is asked to continue after its tool calls).</summary>
    internal List<string> PendingToolResults { get; } = [];

    /// <summary>Inputs of every tool call the assistant made earlier in the conversation, oldest first.</summary>
    internal List<JsonObject> EarlierToolInputs { get; } = [];

    /// <summary>The last user message that was a question rather than tool results.</summary>
    internal string Question { get; set; } = string.Empty;

    internal string LastUserText => Turns.LastOrDefault(t => t.Role == "user").Text ?? string.Empty;

    internal int InputTokens(int imageTokens, string? extra = null) =>
        imageTokens
        + SystemTexts.Sum(TokenEstimator.Text)
        + Turns.Sum(t => TokenEstimator.Text(t.Text) + 4)
        + TokenEstimator.Text(extra);
}
