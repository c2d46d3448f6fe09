using TargetVision.Api.Infrastructure.Http;
using TargetVision.Api.Integrations.SmugMug;

namespace TargetVision.Tests.Unit;

/// <summary>Issue 15 items 3, 5 and 6: the shared rules, value by value.</summary>
public sealed class TextAndLinkRulesTests
{
    [Theory]
    [InlineData("https://photos.example.com/Travel/n-abc", "https://photos.example.com/Travel/n-abc")]
    [InlineData("http://127.0.0.1:5100/web/testuser", "http://127.0.0.1:5100/web/testuser")]
    [InlineData("  https://example.com/a b ", "https://example.com/a%20b")]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("JaVaScRiPt:alert(1)", null)]
    [InlineData(" javascript:alert(1)", null)]
    [InlineData("data:text/html,<script>alert(1)</script>", null)]
    [InlineData("vbscript:msgbox(1)", null)]
    [InlineData("file:///etc/passwd", null)]
    [InlineData("//evil.example/x", null)]
    [InlineData("/relative/path", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Item6_only_absolute_http_urls_survive_as_links(string? value, string? expected) =>
        Assert.Equal(expected, SafeLinks.HttpOrNull(value));

    [Theory]
    [InlineData("plain text", true, true)]
    [InlineData("line\nbreak\tand tab\r", true, true)]
    [InlineData("line\nbreak", false, false)]
    [InlineData("nul\u0000", true, false)]
    [InlineData("bell\u0007", true, false)]
    [InlineData("delete\u007f", true, false)]
    [InlineData("c1\u0085", true, false)]
    [InlineData("emoji 📷 ok", true, true)]
    public void Item3_the_text_rule_refuses_control_characters_and_lone_surrogates(string value, bool allowLineBreaks, bool clean) =>
        Assert.Equal(clean, TextInput.IsClean(value, allowLineBreaks));

    [Theory]
    [InlineData("Vermont\u0000 2019\u0007", true, "Vermont 2019")]
    [InlineData("Line one\nline two\u001b", true, "Line one\nline two")]
    [InlineData("Line one\nline two", false, "Line oneline two")]
    public void Item3_smugmug_text_is_stripped_to_what_the_rule_allows(string value, bool keepLineBreaks, string expected)
    {
        var stripped = TextInput.Strip(value, keepLineBreaks);
        Assert.Equal(expected, stripped);
        Assert.True(TextInput.IsClean(stripped, keepLineBreaks));
    }

    [Fact]
    public void Item3_lone_surrogates_are_refused_and_stripped_while_pairs_stay()
    {
        // Built at run time: attribute strings are stored as UTF-8 and cannot carry a lone surrogate.
        var high = (char)0xD83D;
        var low = (char)0xDC00;
        Assert.False(TextInput.IsClean("lone " + high + " surrogate", true));
        Assert.False(TextInput.IsClean("reversed " + low + high + " pair", true));
        Assert.True(TextInput.IsClean("pair " + high + (char)0xDCF7, true));
        Assert.Equal("half  pair 📷", TextInput.Strip("half " + high + " pair 📷", keepLineBreaks: true));
    }

    [Theory]
    [InlineData("image/jpeg", true)]
    [InlineData("IMAGE/PNG", true)]
    [InlineData("image/webp", true)]
    [InlineData("image/heic", true)]
    [InlineData("image/svg+xml", false)]
    [InlineData("text/html", false)]
    [InlineData("application/octet-stream", false)]
    [InlineData("image/", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Item5_only_raster_image_types_pass_the_proxy(string? mediaType, bool allowed) =>
        Assert.Equal(allowed, RasterImageTypes.IsAllowed(mediaType));
}
