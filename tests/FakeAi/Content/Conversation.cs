namespace FakeAi.Content;

/// <summary>The provider-neutral gist of a request: what was said and which images were shown.</summary>
internal sealed class Conversation
{
    internal List<string> SystemTexts { get; } = [];

    internal List<(string Role, string Text)> Turns { get; } = [];

    internal List<ImageFacts> Images { get; } = [];

    internal string LastUserText => Turns.LastOrDefault(t => t.Role == "user").Text ?? string.Empty;

    internal int InputTokens(int imageTokens, string? extra = null) =>
        imageTokens
        + SystemTexts.Sum(TokenEstimator.Text)
        + Turns.Sum(t => TokenEstimator.Text(t.Text) + 4)
        + TokenEstimator.Text(extra);
}
