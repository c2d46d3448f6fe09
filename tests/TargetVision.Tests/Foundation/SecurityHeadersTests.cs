using System.Net;
using System.Text.RegularExpressions;
using TargetVision.Api.Infrastructure.Http;

namespace TargetVision.Tests.Foundation;

/// <summary>
/// security-headers.txt is the single definition of the headers; the backend (host runs) must serve exactly it, and
/// nginx renders the same file (checked against the running containers in tests/containers/run.sh).
/// </summary>
public sealed partial class SecurityHeadersTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly string SharedFile =
        Path.Combine(RepositoryPaths.Root, "src", "TargetVision.Api", "Infrastructure", "Http", "security-headers.txt");

    [Fact]
    public void The_embedded_definition_is_the_repository_file()
    {
        var fromFile = SecurityHeaders.Parse(File.ReadAllText(SharedFile));
        Assert.Equal(fromFile, SecurityHeaders.All);
        Assert.Contains(fromFile, h => h.Key == "Content-Security-Policy" && h.Value.Contains("frame-ancestors 'none'", StringComparison.Ordinal));
        Assert.DoesNotContain(fromFile, h => h.Value.Contains("unsafe-inline", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/library/album/abc")]
    [InlineData("/css/app.css")]
    public async Task Spa_responses_carry_exactly_the_shared_headers(string path)
    {
        using var client = fixture.App.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var (name, value) in SecurityHeaders.Parse(await File.ReadAllTextAsync(SharedFile)))
        {
            Assert.Equal(value, Assert.Single(response.Headers.GetValues(name)));
        }
    }

    [Fact]
    public async Task The_ui_shell_defines_no_policy_of_its_own()
    {
        var html = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Frontend, "index.html"));
        Assert.DoesNotContain("Content-Security-Policy", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Api_docs_page_has_a_lang_a_nonce_policy_and_no_third_party_host()
    {
        using var session = await fixture.OwnerSessionAsync();
        using var response = await session.Client.GetAsync(new Uri("/api/docs/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var nonce = NoncePolicy().Match(policy);
        Assert.True(nonce.Success, policy);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        // Every script tag carries this response's nonce; nothing is loaded from another host.
        var scripts = ScriptTag().Matches(html);
        Assert.NotEmpty(scripts);
        Assert.All(scripts, s => Assert.Contains($"nonce=\"{nonce.Groups[1].Value}\"", s.Value, StringComparison.Ordinal));
        Assert.DoesNotMatch(ExternalUrl(), html);

        // The bundle the page loads is served by the backend itself.
        var bundle = ScriptSource().Match(html).Groups[1].Value;
        using var js = await session.Client.GetAsync(new Uri(new Uri("http://localhost/api/docs/"), bundle));
        Assert.Equal(HttpStatusCode.OK, js.StatusCode);
        Assert.Contains("javascript", js.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    [GeneratedRegex("script-src 'self' 'nonce-([A-Za-z0-9+/=_-]+)'")]
    private static partial Regex NoncePolicy();

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();

    [GeneratedRegex("<script src=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();

    [GeneratedRegex("(?:https?:)?//(?!localhost)[a-z0-9.-]+\\.[a-z]{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalUrl();
}
