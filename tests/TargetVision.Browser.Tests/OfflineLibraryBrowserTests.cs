using System.Text.RegularExpressions;
using FakeAi;
using FakeSmugMug.Seeds;
using Microsoft.Extensions.DependencyInjection;
using TargetVision.Api.Features.SmugMug;

namespace TargetVision.Browser.Tests;

/// <summary>
/// An album is synced and one photo described; then SmugMug stops answering. The album still opens, from the local
/// copy, with its photos, cached thumbnails and the description, a calm banner with Retry, syncing paused, and a
/// header badge that no longer claims all is well; once SmugMug is back, Retry returns to the live view.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OfflineLibraryBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_synced_album_opens_from_the_local_copy_while_smugmug_is_unreachable()
    {
        await using var claude = await FakeAnthropicServer.StartAsync(new FakeAiOptions());
        await using var smug = await SmugMugTestSetup.StartAsync(new FakeSmugMug.FakeSmugMugOptions { Library = LibrarySeeds.Small() });
        var settings = LiveApp.Settings(smug, claude);
        // One retry: the fallback comes after a quarter of a second instead of the full backoff.
        settings["SmugMug:MaxRetries"] = "1";
        await using var live = await LiveApp.StartAsync(settings);
        await smug.ConnectAsync(live.App.Services);
        await using var session = await browser.NewSessionAsync(live.BaseUrl);
        var page = session.Page;
        var next = "/library/album/" + smug.Server.Library.FindAlbumByName("Vermont 2019")!.AlbumKey;
        await page.GotoAsync($"/login?next={Uri.EscapeDataString(next)}");
        await page.GetByLabel("Email").FillAsync(LiveApp.OwnerEmail);
        await page.GetByLabel("Password").FillAsync(LiveApp.OwnerPassword);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(next) + "$"));

        // Sync, describe the first photo, and let the grid show every thumbnail once (so they are cached).
        await page.GetByRole(AriaRole.Button, new() { Name = "Sync album" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("sync-progress")).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 30_000 });
        var cards = page.Locator(".photo-card");
        await Assertions.Expect(page.Locator(".photo-card[data-status='not_processed']")).ToHaveCountAsync(8, new() { Timeout = 15_000 });
        await cards.Nth(0).Locator(".photo-card__media").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Describe selected (1)" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Assertions.Expect(page.Locator(".photo-card[data-status='completed']")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        var description = await live.Database.ScalarAsync<string>("SELECT description FROM photo_ai_versions LIMIT 1");
        Assert.False(string.IsNullOrWhiteSpace(description));
        await page.WaitForFunctionAsync(
            "() => { const imgs = [...document.querySelectorAll('img.photo-card__img')]; return imgs.length === 8 && imgs.every((i) => i.complete && i.naturalWidth > 0); }");
        await page.Keyboard.PressAsync("Escape");

        // SmugMug goes away (API and photo host), and the server's cached listings expire as their TTL would.
        smug.Server.Faults.FailNext(1_000_000, 503);
        await live.App.Services.GetRequiredService<ListingCache>().ClearAsync(default);
        await page.ReloadAsync();

        var banner = page.GetByTestId("offline-banner");
        await Assertions.Expect(banner).ToContainTextAsync("Showing your synced copy — SmugMug is not reachable.");
        await Assertions.Expect(banner).ToContainTextAsync("SmugMug is unavailable (503).");
        await Assertions.Expect(banner.GetByRole(AriaRole.Button, new() { Name = "Retry" })).ToBeVisibleAsync();
        await Assertions.Expect(cards).ToHaveCountAsync(8);
        await Assertions.Expect(page.Locator(".photo-card[data-status='completed']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("img.photo-card__img:not(.is-broken)")).ToHaveCountAsync(8);
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('img.photo-card__img')].every((i) => i.complete && i.naturalWidth > 0)");

        // The badge says what the server saw; syncing waits for SmugMug.
        var badge = page.Locator("#smugmug-badge .account-badge");
        await Assertions.Expect(badge).ToHaveAttributeAsync("data-reachability", "unreachable");
        await Assertions.Expect(badge).Not.ToHaveClassAsync(new Regex("account-badge--connected"));
        await page.Locator(".library__actions").GetByRole(AriaRole.Button, new() { Name = "More album actions" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "Sync album again" })).ToBeDisabledAsync();
        await page.Keyboard.PressAsync("Escape");

        // The described photo opens with its description from the database, without asking SmugMug for a large size.
        var described = page.Locator(".photo-card[data-status='completed']");
        await described.HoverAsync();
        await described.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Open ") }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog.Locator(".ai-panel")).ToContainTextAsync(description!);
        await Assertions.Expect(dialog.GetByTestId("photo-offline")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToBeHiddenAsync();

        // SmugMug is back: Retry asks it at once and the page is live again.
        smug.Server.Faults.Clear();
        await banner.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("offline-banner")).ToHaveCountAsync(0);
        await Assertions.Expect(cards).ToHaveCountAsync(8);
        await Assertions.Expect(badge).ToHaveAttributeAsync("data-reachability", "reachable");
        await Assertions.Expect(badge).ToHaveClassAsync(new Regex("account-badge--connected"));
        Assert.Empty(session.UnexpectedErrors);
    }
}
