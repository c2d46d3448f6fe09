using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TargetVision.Api.Integrations.Onnx;

/// <summary>
/// CLIP's tokenizer: clean (HTML-unescape twice, collapse whitespace, lower-case), split with CLIP's pattern, map
/// each word's UTF-8 bytes to GPT-2's printable byte alphabet, mark the last symbol with <c>&lt;/w&gt;</c>, apply the
/// BPE merges by rank, and frame the ids as [start] + ids + [end], truncated or padded to the context length.
/// Looking whole words up in vocab.json without merging (a known bug of public ports) turns most words into nothing.
/// </summary>
public sealed partial class ClipTokenizer
{
    public const string EndOfWord = "</w>";
    private const string StartText = "<|startoftext|>";
    private const string EndText = "<|endoftext|>";

    private static readonly string[] ByteSymbols = BuildByteSymbols();

    private readonly Dictionary<string, int> vocabulary;
    private readonly Dictionary<(string, string), int> ranks;
    private readonly ConcurrentDictionary<string, string[]> cache = new(StringComparer.Ordinal);
    private readonly int contextLength, start, end, pad;

    public ClipTokenizer(Dictionary<string, int> vocabulary, IReadOnlyList<(string Left, string Right)> merges,
        int contextLength = 77, int startToken = 49406, int endToken = 49407, int padToken = 0)
    {
        this.vocabulary = vocabulary;
        ranks = new Dictionary<(string, string), int>(merges.Count);
        for (var i = 0; i < merges.Count; i++)
        {
            ranks.TryAdd((merges[i].Left, merges[i].Right), i);
        }
        this.contextLength = contextLength;
        start = startToken;
        end = endToken;
        pad = padToken;
    }

    public int ContextLength => contextLength;

    public static ClipTokenizer Load(string vocabularyPath, string mergesPath, ModelDescriptor model)
    {
        using var stream = File.OpenRead(vocabularyPath);
        var vocabulary = JsonSerializer.Deserialize<Dictionary<string, int>>(stream)
            ?? throw new InvalidDataException($"{vocabularyPath} is not a JSON object of token → id.");
        return new ClipTokenizer(vocabulary, ReadMerges(File.ReadLines(mergesPath)), model.ContextLength, model.StartToken, model.EndToken, model.PadToken);
    }

    /// <summary>merges.txt: one "left right" pair per line, best first; a "#version" header and blank lines are skipped.</summary>
    public static List<(string, string)> ReadMerges(IEnumerable<string> lines) =>
        [.. lines.Where(l => l.Length > 0 && !l.StartsWith("#version", StringComparison.Ordinal))
            .Select(l => l.Split(' ', 2))
            .Where(p => p.Length == 2)
            .Select(p => (p[0], p[1]))];

    /// <summary>CLIP's text cleaning: HTML entities (twice, as CLIP does), whitespace runs to one space, trimmed, lower-cased.</summary>
    public static string Clean(string text) =>
        Whitespace().Replace(WebUtility.HtmlDecode(WebUtility.HtmlDecode(text)), " ").Trim().ToLowerInvariant();

    /// <summary>The pre-tokenisation words of cleaned text.</summary>
    public static IEnumerable<string> Words(string cleaned) => Pattern().Matches(cleaned).Select(m => m.Value);

    /// <summary>The BPE symbols of one word (in the byte alphabet, the last carrying &lt;/w&gt;).</summary>
    public IReadOnlyList<string> Bpe(string word) => cache.GetOrAdd(word, Merge);

    /// <summary>Ids without the start/end frame or padding.</summary>
    public List<int> EncodeIds(string text)
    {
        var ids = new List<int>();
        foreach (var word in Words(Clean(text)))
        {
            if (word == StartText || word == EndText)
            {
                ids.Add(word == StartText ? start : end);
                continue;
            }
            foreach (var symbol in Bpe(ToByteAlphabet(word)))
            {
                if (vocabulary.TryGetValue(symbol, out var id))
                {
                    ids.Add(id);
                }
                else
                {
                    // An incomplete vocabulary: fall back to whatever single symbols it knows rather than fail a query.
                    ids.AddRange(SplitSymbol(symbol).Select(s => vocabulary.TryGetValue(s, out var sid) ? sid : -1).Where(i => i >= 0));
                }
            }
        }
        return ids;
    }

    /// <summary>[start] + ids + [end], truncated (the end token kept last) or padded to the context length.</summary>
    public int[] Encode(string text, out int length)
    {
        var ids = EncodeIds(text);
        var tokens = new int[contextLength];
        Array.Fill(tokens, pad);
        tokens[0] = start;
        var body = Math.Min(ids.Count, contextLength - 2);
        ids.CopyTo(0, tokens, 1, body);
        tokens[body + 1] = end;
        length = body + 2;
        return tokens;
    }

    public static string ToByteAlphabet(string word)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(word))
        {
            builder.Append(ByteSymbols[b]);
        }
        return builder.ToString();
    }

    private string[] Merge(string word)
    {
        if (word.Length == 0)
        {
            return [];
        }
        var symbols = new List<string>(word.Length);
        for (var i = 0; i < word.Length - 1; i++)
        {
            symbols.Add(word[i].ToString());
        }
        symbols.Add(word[^1] + EndOfWord);
        while (symbols.Count > 1)
        {
            var best = int.MaxValue;
            (string, string) pair = default;
            for (var i = 0; i < symbols.Count - 1; i++)
            {
                if (ranks.TryGetValue((symbols[i], symbols[i + 1]), out var rank) && rank < best)
                {
                    best = rank;
                    pair = (symbols[i], symbols[i + 1]);
                }
            }
            if (best == int.MaxValue)
            {
                break;
            }
            // Merge every occurrence of the best pair, left to right, as the reference implementation does.
            var merged = new List<string>(symbols.Count);
            for (var i = 0; i < symbols.Count; i++)
            {
                if (i < symbols.Count - 1 && symbols[i] == pair.Item1 && symbols[i + 1] == pair.Item2)
                {
                    merged.Add(pair.Item1 + pair.Item2);
                    i++;
                }
                else
                {
                    merged.Add(symbols[i]);
                }
            }
            symbols = merged;
        }
        return [.. symbols];
    }

    private static IEnumerable<string> SplitSymbol(string symbol)
    {
        var last = symbol.EndsWith(EndOfWord, StringComparison.Ordinal);
        var core = last ? symbol[..^EndOfWord.Length] : symbol;
        for (var i = 0; i < core.Length; i++)
        {
            yield return last && i == core.Length - 1 ? core[i] + EndOfWord : core[i].ToString();
        }
    }

    /// <summary>GPT-2's reversible byte → printable character map (printable Latin-1 bytes map to themselves).</summary>
    private static string[] BuildByteSymbols()
    {
        var map = new string[256];
        var extra = 0;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            map[b] = ((char)(printable ? b : 256 + extra++)).ToString();
        }
        return map;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
