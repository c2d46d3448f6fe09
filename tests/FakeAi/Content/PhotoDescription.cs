namespace FakeAi.Content;

/// <summary>The caption the fake "model" writes for one image: a pure function of <see cref="ImageFacts"/>.</summary>
public sealed record PhotoDescription(
    string Title,
    string Description,
    IReadOnlyList<string> Keywords,
    int PeopleCount,
    string Setting,
    IReadOnlyList<string> Colors,
    string Brightness,
    string Orientation)
{
    private static readonly Dictionary<string, string> ColorMoods = new(StringComparer.Ordinal)
    {
        ["red"] = "warm tones",
        ["orange"] = "warm tones",
        ["yellow"] = "sunny",
        ["green"] = "greenery",
        ["blue"] = "cool tones",
        ["purple"] = "violet",
        ["pink"] = "pastel",
        ["brown"] = "earthy",
        ["black"] = "shadows",
        ["white"] = "light",
        ["gray"] = "neutral tones",
    };

    public static PhotoDescription From(ImageFacts facts)
    {
        var colors = facts.DominantColors;
        var main = colors[0];
        var setting = main == "green" || (main == "blue" && facts.Brightness == "bright") ? "outdoor" : "indoor";

        var sentences = new List<string>
        {
            $"A {facts.Brightness} {facts.Orientation} photo dominated by {JoinAnd(colors.Take(2))} tones.",
            colors.Count > 2
                ? $"Touches of {colors[2]} appear across the frame."
                : facts.Detailed ? "The frame shows varied detail and contrast." : "The colours are largely uniform across the frame.",
            $"The scene appears to be {setting}, with {LightingPhrase(facts.Brightness)}.",
            "No people are visible.",
            $"The image measures {facts.Width} by {facts.Height} pixels.",
        };

        var keywords = new List<string>();
        void Add(string word)
        {
            if (!keywords.Contains(word, StringComparer.Ordinal) && keywords.Count < 20)
            {
                keywords.Add(word);
            }
        }

        foreach (var color in colors)
        {
            Add(color);
        }

        Add(facts.Brightness);
        Add(facts.Orientation);
        Add(setting);
        foreach (var color in colors)
        {
            Add(ColorMoods[color]);
        }

        Add(facts.Detailed ? "textured" : "smooth");
        if (colors.Count == 1)
        {
            Add("minimalist");
        }

        Add("photo");
        Add("no people");

        var title = $"{Capitalize(facts.Brightness)} {main} {facts.Orientation} photo";
        return new PhotoDescription(
            title, string.Join(' ', sentences), keywords, 0, setting, colors, facts.Brightness, facts.Orientation);
    }

    private static string LightingPhrase(string brightness) => brightness switch
    {
        "dark" => "low, moody lighting",
        "dim" => "soft, subdued lighting",
        _ => "plenty of light",
    };

    private static string JoinAnd(IEnumerable<string> words)
    {
        var list = words.ToList();
        return list.Count switch
        {
            1 => list[0],
            _ => string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1],
        };
    }

    private static string Capitalize(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
