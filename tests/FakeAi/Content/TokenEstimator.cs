namespace FakeAi.Content;

/// <summary>Roughly four characters per token, which is what both providers quote for English text.</summary>
internal static class TokenEstimator
{
    internal static int Text(string? text) => string.IsNullOrEmpty(text) ? 0 : (text.Length + 3) / 4;
}
