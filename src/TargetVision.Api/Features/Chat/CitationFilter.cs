using System.Text;
using System.Text.RegularExpressions;

namespace TargetVision.Api.Features.Chat;

/// <summary>
/// Cleans citations out of a streamed answer as it arrives. The model cites photos as <c>[#123]</c> (or
/// <c>[#1, #2]</c>); a marker naming a photo this turn retrieved passes (normalised to <c>[#id]</c> per photo),
/// any other id is dropped, so neither the stream nor the stored answer ever mentions a photo the search did not
/// return. A marker split across deltas is held back until it is complete.
/// </summary>
public sealed partial class CitationFilter(Func<int, bool> isRetrieved)
{
    private const int MaxMarkerLength = 80;
    private readonly StringBuilder pending = new();
    private readonly List<int> cited = [];

    /// <summary>Valid cited ids in order of first mention.</summary>
    public IReadOnlyList<int> Cited => cited;

    /// <summary>Ids the model cited that this turn never retrieved (logged; never shown).</summary>
    public List<int> Dropped { get; } = [];

    public string Append(string text)
    {
        pending.Append(text);
        var output = new StringBuilder();
        var buffer = pending.ToString();
        var position = 0;
        while (position < buffer.Length)
        {
            var open = buffer.IndexOf('[', position);
            if (open < 0)
            {
                output.Append(buffer, position, buffer.Length - position);
                position = buffer.Length;
                break;
            }
            output.Append(buffer, position, open - position);
            var rest = buffer[open..];
            var complete = Marker().Match(rest);
            if (complete.Success)
            {
                output.Append(Resolve(complete.Value));
                position = open + complete.Length;
                continue;
            }
            if (rest.Length < MaxMarkerLength && Partial().IsMatch(rest))
            {
                // Possibly the start of a marker: wait for the next delta.
                pending.Clear().Append(rest);
                return output.ToString();
            }
            output.Append('[');
            position = open + 1;
        }
        pending.Clear();
        return output.ToString();
    }

    /// <summary>What is still held back (an unfinished marker) as plain text, at the end of the answer.</summary>
    public string Flush()
    {
        var rest = pending.ToString();
        pending.Clear();
        return Partial().IsMatch(rest) ? "" : rest;
    }

    /// <summary>Forgets held-back text and citations after <paramref name="citedCount"/> (a retried step).</summary>
    public void Rewind(int citedCount)
    {
        pending.Clear();
        cited.RemoveRange(citedCount, cited.Count - citedCount);
    }

    private string Resolve(string marker)
    {
        var result = new StringBuilder();
        foreach (Match number in Number().Matches(marker))
        {
            if (!int.TryParse(number.Value, out var id))
            {
                continue;
            }
            if (!isRetrieved(id))
            {
                Dropped.Add(id);
                continue;
            }
            if (!cited.Contains(id))
            {
                cited.Add(id);
            }
            result.Append("[#").Append(id).Append(']');
        }
        return result.ToString();
    }

    [GeneratedRegex(@"^\[#\d{1,9}(?:\s*,\s*#?\d{1,9})*\]")]
    private static partial Regex Marker();

    [GeneratedRegex(@"^\[(?:#(?:\d{1,9}(?:\s*,\s*#?\d{0,9})*)?)?$")]
    private static partial Regex Partial();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Number();
}
