using System.Text;
using System.Text.RegularExpressions;

namespace FakeAi.Content;

/// <summary>
/// Deterministic free-text answers. When the prompt carries a list (e.g. photo descriptions handed to a
/// chat feature), the answer cites the listed lines that share the most words with the question, so a
/// test can check that the right context reached the model and came back in the reply.
/// </summary>
internal static partial class ChatResponder
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "with", "that", "this", "are", "was", "were", "any", "all", "have", "has", "from",
        "what", "which", "who", "how", "where", "when", "show", "find", "photo", "photos", "picture", "pictures",
        "image", "images", "there", "their", "them", "you", "your", "can", "about", "into", "some", "one", "ones",
    };

    internal static string Answer(Conversation conversation)
    {
        var question = conversation.LastUserText.Trim();
        if (conversation.Images.Count > 0 && ListLines(conversation).Count == 0)
        {
            var captions = conversation.Images.Select(i => PhotoDescription.From(i).Description);
            return string.Join("\n\n", captions);
        }

        var lines = ListLines(conversation);
        var shortQuestion = Shorten(LastLine(question), 200);
        if (lines.Count == 0)
        {
            return $"You asked: \"{shortQuestion}\". This is a deterministic reply from the fake AI server; "
                + "it repeats the question because no list of photos was provided.";
        }

        var wanted = Words(question);
        var ranked = lines
            .Select((line, index) => (line, index, score: Words(line).Count(wanted.Contains)))
            .OrderByDescending(x => x.score)
            .ThenBy(x => x.index)
            .ToList();
        var matches = ranked.Where(x => x.score > 0).Take(3).ToList();

        var answer = new StringBuilder();
        if (matches.Count == 0)
        {
            answer.Append(Invariant($"None of the {lines.Count} listed photos clearly matches \"{shortQuestion}\". "));
            answer.Append("The first one listed is:\n- ").Append(Shorten(ranked[0].line, 300));
            return answer.ToString();
        }

        answer.Append(Invariant($"Based on the {lines.Count} photos provided, these best match \"{shortQuestion}\":"));
        foreach (var match in matches)
        {
            answer.Append("\n- ").Append(Shorten(match.line, 300));
        }

        return answer.ToString();
    }

    private static List<string> ListLines(Conversation conversation)
    {
        var texts = conversation.SystemTexts.Concat(conversation.Turns.Select(t => t.Text));
        return texts
            .SelectMany(t => t.Split('\n'))
            .Select(l => l.Trim())
            .Where(l => ListItem().IsMatch(l))
            .Select(l => ListItem().Replace(l, string.Empty).Trim())
            .Where(l => l.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static HashSet<string> Words(string text) =>
        new(WordPattern().Matches(text.ToLowerInvariant())
            .Select(m => m.Value)
            .Where(w => w.Length >= 3 && !StopWords.Contains(w))
            .Select(w => w.Length > 4 && w.EndsWith('s') ? w[..^1] : w), StringComparer.Ordinal);

    private static string LastLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? string.Empty : lines[^1];
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    [GeneratedRegex(@"^(?:[-*•]|\d+[.)]|\[[^\]]+\])\s*")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
