using System.Text.RegularExpressions;

namespace TargetVision.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed partial class FoundationBrowserTests(BrowserFixture browser)
{
    private const string Email = LiveApp.OwnerEmail;
    private const string Password = LiveApp.OwnerPassword;

    [Fact]
    public async Task Setup_login_save_a_key_and_logout_in_a_real_browser()
    {
        await using var live = await LiveApp.StartAsync();
        await using var session = await browser.NewSessionAsync(live.BaseUrl);
        var page = session.Page;

        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(SetupUrl());
        await page.GetByLabel("Email").FillAsync(Email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Repeat password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { NameRegex = CreateButton() }).ClickAsync();
        // First run continues to Settings (keys come next) — any signed-in page will do here.
        await Assertions.Expect(page).ToHaveURLAsync(SignedInUrl());

        await page.GetByRole(AriaRole.Link, new() { Name = "Settings", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(SettingsUrl());
        var card = page.Locator("[data-secret='anthropicApiKey']");
        await card.Locator("input[type=password]").FillAsync("sk-ant-browser-test-key-wxyz");
        await card.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(card).ToContainTextAsync("wxyz");
        await Assertions.Expect(card).ToContainTextAsync("saved", new() { IgnoreCase = true });
        Assert.DoesNotContain("sk-ant-browser-test-key", await page.ContentAsync(), StringComparison.Ordinal);
        var stored = await live.Database.ScalarAsync<string>("SELECT value_encrypted FROM app_settings WHERE key = 'secret:AnthropicApiKey'");
        Assert.StartsWith("CfDJ8", stored, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { NameRegex = SignOutButton() }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(LoginUrl());

        // Signing back in lands on the page asked for.
        await page.GotoAsync("/settings");
        await Assertions.Expect(page).ToHaveURLAsync(LoginUrl());
        await page.GetByLabel("Email").FillAsync(Email);
        await page.GetByLabel("Password").FillAsync("wrong password here");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = SignInButton() }).ClickAsync();
        await Assertions.Expect(page.GetByText("Invalid email or password.").First).ToBeVisibleAsync();
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { NameRegex = SignInButton() }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(SettingsUrl());
        Assert.Empty(session.UnexpectedErrors);
    }

    [Fact]
    public async Task Shell_works_at_375_px_without_horizontal_scrolling_and_keyboard_reaches_the_tabs()
    {
        await using var live = await LiveApp.StartAsync(new Dictionary<string, string?> { ["Admin:Email"] = Email, ["Admin:Password"] = Password });
        await using var session = await browser.NewSessionAsync(live.BaseUrl, 375, 800);
        var page = session.Page;
        await page.GotoAsync("/login");
        await page.GetByLabel("Email").FillAsync(Email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(LibraryUrl());
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 375, $"page is {scrollWidth}px wide at a 375px viewport");

        // Keyboard: the skip link is the first focusable element; from it, Tab reaches the navigation.
        var firstFocusable = await page.EvaluateAsync<string>(
            "() => document.querySelector('a[href], button:not([disabled]), input, select, textarea, [tabindex]:not([tabindex=\"-1\"])').textContent");
        Assert.Equal("Skip to content", firstFocusable.Trim());
        await page.FocusAsync(".skip-link");
        Assert.True(await page.Locator(".skip-link").IsVisibleAsync(), "the skip link must become visible when focused");
        var reachedSettings = false;
        for (var i = 0; i < 15 && !reachedSettings; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reachedSettings = await page.EvaluateAsync<string?>("() => document.activeElement.getAttribute('href')") == "/settings";
        }
        Assert.True(reachedSettings, "the Settings tab is not reachable by keyboard");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(SettingsUrl());
        Assert.Empty(session.UnexpectedErrors);
    }

    [GeneratedRegex("/setup")]
    private static partial Regex SetupUrl();

    [GeneratedRegex("/library")]
    private static partial Regex LibraryUrl();

    [GeneratedRegex("/(library|settings)")]
    private static partial Regex SignedInUrl();

    [GeneratedRegex("/settings$")]
    private static partial Regex SettingsUrl();

    [GeneratedRegex("/login")]
    private static partial Regex LoginUrl();

    [GeneratedRegex("create", RegexOptions.IgnoreCase)]
    private static partial Regex CreateButton();

    [GeneratedRegex("sign out", RegexOptions.IgnoreCase)]
    private static partial Regex SignOutButton();

    [GeneratedRegex("^sign in", RegexOptions.IgnoreCase)]
    private static partial Regex SignInButton();
}
