using System.Text.RegularExpressions;
using FakeAi;
using FakeSmugMug.Seeds;

namespace TargetVision.Browser.Tests;

/// <summary>Describing an album that is not synced yet: "Sync and describe" syncs it, then opens the describe dialog.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SyncAndDescribeBrowserTests(BrowserFixture browser)
{
    private const string Email = LiveApp.OwnerEmail;
    private const string Password = LiveApp.OwnerPassword;

    [Fact]
    public async Task Sync_and_describe_on_an_unsynced_album_syncs_then_describes()
    {
        await using var claude = await FakeAnthropicServer.StartAsync(new FakeAiOptions());
        await using var smug = await SmugMugTestSetup.StartAsync(new FakeSmugMug.FakeSmugMugOptions { Library = LibrarySeeds.Small() });
        var settings = LiveApp.Settings(smug, claude);
        await using var live = await LiveApp.StartAsync(settings);
        await smug.ConnectAsync(live.App.Services);
        await using var session = await browser.NewSessionAsync(live.BaseUrl);
        var page = session.Page;
        var next = "/library/album/" + smug.Server.Library.FindAlbumByName("Vermont 2019")!.AlbumKey;
        await page.GotoAsync($"/login?next={Uri.EscapeDataString(next)}");
        await page.GetByLabel("Email").FillAsync(Email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(next) + "$"));
        await Assertions.Expect(page.Locator(".photo-card")).ToHaveCountAsync(8);
        Assert.Equal(0, await live.Database.ScalarAsync<long>("SELECT count(*) FROM photos"));

        var header = page.Locator(".library__actions");
        await header.GetByRole(AriaRole.Button, new() { Name = "More album actions" }).ClickAsync();
        await page.GetByRole(AriaRole.Menu, new() { Name = "More album actions" })
            .GetByRole(AriaRole.Menuitem, new() { Name = "Sync and describe…" }).ClickAsync();

        // The sync runs first; the dialog opens only once the album is here, so the cost can be estimated.
        var dialog = page.GetByRole(AriaRole.Dialog, new() { NameRegex = new Regex("^Describe") });
        await Assertions.Expect(dialog).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("sync-progress")).ToHaveAttributeAsync("data-status", "completed");
        Assert.Equal(8, await live.Database.ScalarAsync<long>("SELECT count(*) FROM photos"));
        var estimate = dialog.Locator(".estimate");
        await Assertions.Expect(estimate).ToContainTextAsync("to describe 8 photos");
        await Assertions.Expect(estimate).Not.ToContainTextAsync("could not be estimated");
        Assert.Equal(0, claude.Calls.TotalCalls);

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Assertions.Expect(page.Locator(".photo-card[data-status='completed']")).ToHaveCountAsync(8, new() { Timeout = 60_000 });
        Assert.Equal(8, await live.Database.ScalarAsync<long>(
            "SELECT count(*) FROM photos WHERE status = 'Completed'"));
    }
}
