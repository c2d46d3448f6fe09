namespace FakeAi.Content;

/// <summary>What the fake "sees" in a picture; everything the generated description is derived from.</summary>
public sealed record ImageFacts(
    string Hash,
    string Format,
    int Width,
    int Height,
    IReadOnlyList<string> DominantColors,
    string Brightness,
    string Orientation,
    bool Detailed)
{
    /// <summary>Anthropic bills images after shrinking them to ≤1568 px long edge and ≈1.15 MP.</summary>
    public int AnthropicTokens
    {
        get
        {
            double w = Width, h = Height;
            var scale = Math.Min(1.0, Math.Min(1568.0 / Math.Max(w, h), Math.Sqrt(1_150_000.0 / (w * h))));
            return Math.Max(1, (int)Math.Ceiling(w * scale * (h * scale) / 750.0));
        }
    }

    /// <summary>OpenAI's tile arithmetic: fit in 2048², short side to 768, 170 per 512-px tile plus 85.</summary>
    public int OpenAiTokens(bool lowDetail)
    {
        if (lowDetail)
        {
            return 85;
        }

        double w = Width, h = Height;
        var fit = Math.Min(1.0, 2048.0 / Math.Max(w, h));
        w *= fit;
        h *= fit;
        var shrink = Math.Min(1.0, 768.0 / Math.Min(w, h));
        w *= shrink;
        h *= shrink;
        var tiles = (int)(Math.Ceiling(w / 512) * Math.Ceiling(h / 512));
        return 85 + (170 * tiles);
    }
}
