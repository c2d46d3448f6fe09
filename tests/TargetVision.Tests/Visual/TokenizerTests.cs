using System.Text.Json;
using TargetVision.Api.Integrations.Onnx;

namespace TargetVision.Tests.Visual;

/// <summary>
/// CLIP's tokenizer on a small vocabulary/merges fixture (Visual/Fixtures): the 512 byte symbols as CLIP lays them
/// out, a handful of merges, and the two special tokens.
/// </summary>
public sealed class TokenizerTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Visual", "Fixtures");
    private static readonly ModelDescriptor Model = new() { ContextLength = 77, StartToken = 525, EndToken = 526, PadToken = 0 };
    private static readonly ClipTokenizer Tokenizer = ClipTokenizer.Load(Path.Combine(Fixtures, "vocab.json"), Path.Combine(Fixtures, "merges.txt"), Model);
    private static readonly Dictionary<string, int> Vocabulary =
        JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(Path.Combine(Fixtures, "vocab.json")))!;

    private static int Id(string symbol) => Vocabulary[symbol];

    [Fact]
    public void Merges_apply_by_rank_until_none_applies()
    {
        // h e l l o</w> → he l l o</w> → he ll o</w> → hell o</w> → hello</w>
        Assert.Equal(["hello</w>"], Tokenizer.Bpe("hello"));
        // "l l" outranks "l o</w>": llo becomes ll + o</w>, not l + lo</w>.
        Assert.Equal(["ll", "o</w>"], Tokenizer.Bpe("llo"));
        // No merge applies: one symbol per character, the last one marked as the end of the word.
        Assert.Equal(["w", "o", "r", "l", "d</w>"], Tokenizer.Bpe("world"));
        Assert.Equal(["a</w>"], Tokenizer.Bpe("a"));
    }

    [Fact]
    public void Cleaning_unescapes_twice_collapses_whitespace_and_lower_cases() =>
        Assert.Equal("hello & world", ClipTokenizer.Clean("  HELLO\t&amp;amp;\n\n  World  "));

    [Fact]
    public void Pre_tokenisation_splits_letters_single_digits_contractions_and_punctuation() =>
        Assert.Equal(["hello", ",", "world", "!!", "it", "'s", "red", "2", "0", "2", "4", "café", "<|endoftext|>"],
            ClipTokenizer.Words(ClipTokenizer.Clean("Hello, World!! It's RED 2024 café <|endoftext|>")));

    [Fact]
    public void Unicode_goes_through_the_byte_alphabet()
    {
        // é is C3 A9 in UTF-8, which the byte map prints as "Ã" and "©"; the fixture merges them back into one symbol.
        Assert.Equal("cafÃ©", ClipTokenizer.ToByteAlphabet("café"));
        Assert.Equal(["cafÃ©</w>"], Tokenizer.Bpe(ClipTokenizer.ToByteAlphabet("café")));
        // A character outside Latin-1 (€ = E2 82 AC) becomes three byte symbols, the last with </w>.
        Assert.Equal([Id("â"), Id("Ĥ"), Id("¬</w>")], Tokenizer.EncodeIds("€"));
    }

    [Fact]
    public void Encoding_frames_with_start_and_end_and_pads_to_the_context_length()
    {
        var tokens = Tokenizer.Encode("Hello, world! It's red 20", out var length);
        int[] body =
        [
            Id("hello</w>"), Id(",</w>"), Id("w"), Id("o"), Id("r"), Id("l"), Id("d</w>"), Id("!</w>"),
            Id("i"), Id("t</w>"), Id("'s</w>"), Id("red</w>"), Id("2</w>"), Id("0</w>"),
        ];
        Assert.Equal(77, tokens.Length);
        Assert.Equal([525, .. body, 526], tokens[..length]);
        Assert.All(tokens[length..], t => Assert.Equal(0, t));
    }

    [Fact]
    public void Long_text_is_truncated_with_the_end_token_kept_last()
    {
        var tokens = Tokenizer.Encode(string.Join(' ', Enumerable.Repeat("hello", 200)), out var length);
        Assert.Equal(77, length);
        Assert.Equal(525, tokens[0]);
        Assert.All(tokens[1..76], t => Assert.Equal(Id("hello</w>"), t));
        Assert.Equal(526, tokens[76]);
    }

    [Fact]
    public void Special_tokens_in_text_map_to_their_ids_and_empty_text_is_just_the_frame()
    {
        Assert.Equal([526, Id("hello</w>")], Tokenizer.EncodeIds("<|endoftext|> hello"));
        var empty = Tokenizer.Encode("   ", out var length);
        Assert.Equal(2, length);
        Assert.Equal([525, 526, 0], empty[..3]);
    }

    [Fact]
    public void Merges_file_header_and_blank_lines_are_skipped() =>
        Assert.Equal([("a", "b"), ("ab", "c</w>")], ClipTokenizer.ReadMerges(["#version: 0.2", "a b", "", "ab c</w>"]));
}
