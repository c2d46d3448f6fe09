namespace TargetVision.Browser.Tests;

/// <summary>
/// The API reference renders in a real browser under its nonce policy, asks no other host for anything (fonts,
/// telemetry, AI agent) and has a document language. nginx serving the same page is checked in tests/containers.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiDocsBrowserTests(BrowserFixture browser)
{
    private const string Email = LiveApp.OwnerEmail;
    private const string Password = LiveApp.OwnerPassword;

    [Fact]
    public async Task Api_docs_render_for_the_owner_without_third_party_requests_or_policy_violations()
    {
        await using var live = await LiveApp.StartAsync(new Dictionary<string, string?> { ["Admin:Email"] = Email, ["Admin:Password"] = Password });
        await using var session = await browser.NewSessionAsync(live.BaseUrl);
        var page = session.Page;
        var foreignRequests = new List<string>();
        page.Request += (_, request) =>
        {
            var uri = new Uri(request.Url);
            if (uri.Scheme is "http" or "https" && uri.Host != live.BaseUrl.Host)
            {
                foreignRequests.Add(request.Url);
            }
        };

        await page.GotoAsync("/login");
        await page.GetByLabel("Email").FillAsync(Email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));

        await page.GotoAsync("/api/docs/");
        // Scalar fetches the OpenAPI document and renders its title and the operations grouped by tag.
        var sidebar = page.GetByRole(AriaRole.Complementary, new() { NameRegex = new System.Text.RegularExpressions.Regex("TargetVision") });
        await Assertions.Expect(sidebar).ToBeVisibleAsync();
        await Assertions.Expect(sidebar.GetByRole(AriaRole.Link, new() { Name = "Library", Exact = true })).ToBeVisibleAsync();
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));

        Assert.Empty(foreignRequests);
        Assert.DoesNotContain(session.ConsoleErrors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(session.UnexpectedErrors);
    }
}
