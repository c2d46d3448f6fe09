using System.Text.RegularExpressions;
using FakeSmugMug.Seeds;

namespace TargetVision.Browser.Tests;

/// <summary>Issue 15 in a real browser: links from data (item 6) and the Settings sign-in section (item 1).</summary>
[Collection(BrowserCollection.Name)]
public sealed class SecurityBrowserTests(BrowserFixture browser)
{
    /// <summary>A new app's first page load can take long on a busy machine; later steps keep the normal timeouts.</summary>
    private static async Task WarmUpAsync(IPage page)
    {
        await page.GotoAsync("/login", new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByLabel("Email")).ToBeVisibleAsync(new() { Timeout = 60_000 });
    }

    [Fact]
    public async Task Item6_a_javascript_url_stored_for_a_photo_renders_as_no_link()
    {
        await using var smug = await SmugMugTestSetup.StartAsync(new FakeSmugMug.FakeSmugMugOptions { Library = LibrarySeeds.Small() });
        await using var live = await LiveApp.StartAsync(LiveApp.Settings(smug));
        await smug.ConnectAsync(live.App.Services);
        await using var session = await browser.NewSessionAsync(live.BaseUrl);
        var page = session.Page;
        var next = "/library/album/" + smug.Server.Library.FindAlbumByName("Vermont 2019")!.AlbumKey;
        await WarmUpAsync(page);
        await LiveApp.SignInAsync(page, next);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sync album" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("sync-progress")).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 30_000 });
        // The grid has merged the synced state (a card opened before that is still an unsynced photo without links).
        var synced = page.Locator(".photo-card[data-status='not_processed']");
        await Assertions.Expect(synced).ToHaveCountAsync(8, new() { Timeout = 30_000 });

        // A synced photo's real (http) link is shown: the check below is not looking at the wrong element.
        var card = page.Locator(".photo-card").First;
        await card.HoverAsync();
        await card.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Open ") }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog.GetByTestId("open-on-smugmug")).ToHaveAttributeAsync("href", new Regex("^http://"));
        await page.Keyboard.PressAsync("Escape");

        // Data stored before links were checked on the server (or from anywhere else): the browser still makes no link of it.
        await live.Database.ExecuteAsync("UPDATE photos SET web_uri = 'javascript:alert(document.cookie)'");
        await page.ReloadAsync();
        await Assertions.Expect(synced).ToHaveCountAsync(8, new() { Timeout = 30_000 });
        card = page.Locator(".photo-card").First;
        await card.HoverAsync();
        await card.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Open ") }).ClickAsync();
        dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog.GetByTestId("download-original")).ToBeVisibleAsync();
        await Assertions.Expect(dialog.GetByTestId("open-on-smugmug")).ToHaveCountAsync(0);
        Assert.Equal(0, await page.Locator("a[href^='javascript:' i]").CountAsync());
        Assert.Empty(session.UnexpectedErrors);
    }

    [Fact]
    public async Task Item1_sign_out_everywhere_in_settings_ends_the_other_browser_session()
    {
        await using var live = await LiveApp.StartAsync(LiveApp.Settings());
        await using var other = await browser.NewSessionAsync(live.BaseUrl);
        await WarmUpAsync(other.Page);
        await LiveApp.SignInAsync(other.Page, "/settings");
        await using var session = await browser.NewSessionAsync(live.BaseUrl);
        await LiveApp.SignInAsync(session.Page, "/settings?tab=sign-in");

        await session.Page.GetByTestId("sign-out-everywhere").ClickAsync();
        await Assertions.Expect(session.Page.GetByText("Every other session is signed out.")).ToBeVisibleAsync();

        // The other browser's next request is refused and the app sends it to the sign-in page.
        await other.Page.ReloadAsync();
        await Assertions.Expect(other.Page).ToHaveURLAsync(new Regex("/login"));
        // This browser carries on.
        await session.Page.ReloadAsync();
        await Assertions.Expect(session.Page.GetByTestId("sign-out-everywhere")).ToBeVisibleAsync();
        Assert.Empty(session.UnexpectedErrors);
    }
}
