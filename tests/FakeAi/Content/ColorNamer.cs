namespace FakeAi.Content;

/// <summary>Maps a pixel to the small palette of words a caption would use.</summary>
internal static class ColorNamer
{
    /// <summary>Fixed order breaks ties between equally common colours, keeping output deterministic.</summary>
    internal static readonly string[] Palette =
        ["red", "orange", "yellow", "green", "blue", "purple", "pink", "brown", "black", "white", "gray"];

    internal static int Classify(byte red, byte green, byte blue)
    {
        double r = red / 255.0, g = green / 255.0, b = blue / 255.0;
        var max = Math.Max(r, Math.Max(g, b));
        var min = Math.Min(r, Math.Min(g, b));
        var value = max;
        var saturation = max <= 0 ? 0 : (max - min) / max;

        if (value < 0.2)
        {
            return Index("black");
        }

        if (saturation < 0.18)
        {
            return value > 0.82 ? Index("white") : value < 0.3 ? Index("black") : Index("gray");
        }

        var hue = Hue(r, g, b, max, min);
        return hue switch
        {
            < 15 or >= 345 => saturation < 0.5 && value > 0.75 ? Index("pink") : value < 0.45 ? Index("brown") : Index("red"),
            < 45 => value < 0.6 ? Index("brown") : Index("orange"),
            < 70 => Index("yellow"),
            < 165 => Index("green"),
            < 255 => Index("blue"),
            < 290 => Index("purple"),
            _ => value < 0.45 ? Index("purple") : Index("pink"),
        };
    }

    private static double Hue(double r, double g, double b, double max, double min)
    {
        var delta = max - min;
        if (delta <= 0)
        {
            return 0;
        }

        double hue;
        if (max == r)
        {
            hue = 60 * ((g - b) / delta % 6);
        }
        else if (max == g)
        {
            hue = 60 * (((b - r) / delta) + 2);
        }
        else
        {
            hue = 60 * (((r - g) / delta) + 4);
        }

        return hue < 0 ? hue + 360 : hue;
    }

    private static int Index(string name) => Array.IndexOf(Palette, name);
}
