using System.Text.RegularExpressions;
using FakeSmugMug.Seeds;

namespace TargetVision.Browser.Tests;

/// <summary>
/// The SmugMug journey in a real browser against the fake SmugMug: OAuth connect through the fake's authorise page,
/// browsing, syncing with pushed progress, the photo modal and the original download.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class LibraryBrowserTests(BrowserFixture browser)
{
    private const string Email = LiveApp.OwnerEmail;
    private const string Password = LiveApp.OwnerPassword;

    private static async Task<(SmugMugTestSetup Smug, LiveApp Live)> StartAsync()
    {
        var smug = await SmugMugTestSetup.StartAsync(new FakeSmugMug.FakeSmugMugOptions { Library = LibrarySeeds.Small() });
        var live = await LiveApp.StartAsync(LiveApp.Settings(smug));
        return (smug, live);
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel("Email").FillAsync(Email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(LibraryRoot());
    }

    [Fact]
    public async Task Connect_browse_sync_and_open_a_photo_in_a_real_browser()
    {
        var (smug, live) = await StartAsync();
        await using var _ = smug;
        await using var __ = live;
        await using var session = await browser.NewSessionAsync(live.BaseUrl);
        var page = session.Page;
        // Every rendition the page asks for must exist (the modal used to ask for a size small photos lack).
        var missingImages = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status == 404 && response.Url.Contains("/api/photos/", StringComparison.Ordinal))
            {
                missingImages.Add(response.Url);
            }
        };
        await SignInAsync(page);

        // Not connected yet: the Library explains and offers the connection; the header offers it too.
        await Assertions.Expect(page.GetByText("Connect your SmugMug account")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("smugmug-connect")).ToBeVisibleAsync();
        await page.GetByTestId("library-connect").ClickAsync();

        // SmugMug's (fake) authorise page, then back through the callback to the Library.
        await page.WaitForURLAsync(new Regex(Regex.Escape(smug.BaseUrl) + ".*/authorize"));
        await page.Locator("#approve").ClickAsync();
        await page.WaitForURLAsync(LibraryRoot());
        await Assertions.Expect(page.GetByText("SmugMug is connected", new() { Exact = false })).ToBeVisibleAsync();
        // The ?connected=1 marker is removed so a reload does not announce it again.
        Assert.DoesNotContain("connected=", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#smugmug-badge")).ToContainTextAsync("@testuser");

        // Root: folders and albums as cards (the System Album is skipped).
        var grid = page.Locator(".node-grid:not(.node-grid--skeleton)");
        await Assertions.Expect(grid.Locator(".node-card", new() { HasText = "Travel" })).ToBeVisibleAsync();
        await Assertions.Expect(grid.Locator(".node-card", new() { HasText = "Sunsets" })).ToBeVisibleAsync();
        await Assertions.Expect(grid.Locator(".node-card", new() { HasText = "Profile Photos" })).ToHaveCountAsync(0);

        // A folder: breadcrumbs and its albums; the URL keeps the place.
        await grid.Locator(".node-card", new() { HasText = "Travel" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(FolderUrl());
        await Assertions.Expect(page.Locator(".library__title")).ToHaveTextAsync("Travel");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Breadcrumb" })).ToContainTextAsync("Travel");
        var vermont = grid.Locator(".node-card", new() { HasText = "Vermont 2019" });
        await Assertions.Expect(vermont).ToContainTextAsync("8 photos");
        await Assertions.Expect(vermont).ToContainTextAsync("Not synced");

        // The album, live from SmugMug: 8 unsynced photos.
        await vermont.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(AlbumUrl());
        await Assertions.Expect(page.Locator(".library__title")).ToHaveTextAsync("Vermont 2019");
        var cards = page.Locator(".photo-card");
        await Assertions.Expect(cards).ToHaveCountAsync(8);
        await Assertions.Expect(page.Locator(".photo-card[data-status='not_synced']")).ToHaveCountAsync(8);
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Breadcrumb" })).ToContainTextAsync("Travel");

        // Sync: progress is pushed until 100 %, then every badge turns ○ (not processed).
        await page.GetByRole(AriaRole.Button, new() { Name = "Sync album" }).ClickAsync();
        var progress = page.GetByTestId("sync-progress");
        await Assertions.Expect(progress).ToBeVisibleAsync();
        await Assertions.Expect(progress).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 30_000 });
        await Assertions.Expect(progress).ToContainTextAsync("(100%)");
        await Assertions.Expect(page.Locator(".photo-card[data-status='not_processed']")).ToHaveCountAsync(8, new() { Timeout = 15_000 });
        await Assertions.Expect(cards.First.Locator(".status-badge")).ToHaveAttributeAsync("aria-label", new Regex("^Not described yet"));
        await Assertions.Expect(cards.First.Locator(".status-badge svg.status-icon--not_processed")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByText("1 album synced", new() { Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".library__subtitle")).ToContainTextAsync("8 photos");

        // Keyboard selection: Space toggles the focused card, Shift+click extends a range.
        await cards.Nth(0).Locator(".photo-card__media").ClickAsync();
        await cards.Nth(3).Locator(".photo-card__media").ClickAsync(new() { Modifiers = [KeyboardModifier.Shift] });
        await Assertions.Expect(page.Locator(".selection-bar__count")).ToHaveTextAsync("4 selected");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.Locator(".selection-bar__count")).ToHaveTextAsync("5 selected");

        // The modal: the image, where it lives, and the original's download link.
        await cards.Nth(1).HoverAsync();
        await cards.Nth(1).GetByRole(AriaRole.Button, new() { NameRegex = OpenPhoto() }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        var download = dialog.GetByTestId("download-original");
        await Assertions.Expect(download).ToBeVisibleAsync();
        await Assertions.Expect(download).ToContainTextAsync(new Regex(@"Download original \(\d+×\d+\)"));
        await Assertions.Expect(download).ToHaveAttributeAsync("href", OriginalHref());
        await Assertions.Expect(dialog).ToContainTextAsync("Vermont 2019");
        await Assertions.Expect(dialog.Locator("img.photo-modal__img")).ToHaveJSPropertyAsync("complete", true);
        var natural = await dialog.Locator("img.photo-modal__img").EvaluateAsync<int>("img => img.naturalWidth");
        Assert.True(natural > 0, "the modal image did not load");

        // The original really downloads, through the backend, with the owner's session.
        var href = await download.GetAttributeAsync("href");
        var response = await page.APIRequest.GetAsync(href!);
        Assert.Equal(200, response.Status);
        Assert.StartsWith("image/", response.Headers["content-type"], StringComparison.Ordinal);
        Assert.Contains("attachment", response.Headers["content-disposition"], StringComparison.Ordinal);

        // ← / → walk the album; Esc closes.
        var firstTitle = await dialog.Locator(".modal__title").TextContentAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(dialog.Locator(".modal__title")).Not.ToHaveTextAsync(firstTitle ?? string.Empty);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);

        // Reload keeps the album (the URL is the state) and the synced status comes from the database now.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".photo-card[data-status='not_processed']")).ToHaveCountAsync(8);
        Assert.Empty(missingImages);
        Assert.Empty(session.UnexpectedErrors);
    }

    [Fact]
    public async Task Library_at_375_px_has_no_horizontal_scrolling_and_disconnect_asks_first()
    {
        var (smug, live) = await StartAsync();
        await using var _ = smug;
        await using var __ = live;
        await smug.ConnectAsync(live.App.Services);
        await using var session = await browser.NewSessionAsync(live.BaseUrl, 375, 800);
        var page = session.Page;
        await SignInAsync(page);

        await page.GotoAsync("/library/folder/" + await FolderNodeIdAsync(page, "Travel"));
        await Assertions.Expect(page.Locator(".node-grid:not(.node-grid--skeleton) .node-card").First).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 375, "folder page scrolls sideways at 375 px");

        await page.Locator(".node-card", new() { HasText = "Vermont 2019" }).ClickAsync();
        await Assertions.Expect(page.Locator(".photo-card")).ToHaveCountAsync(8);
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 375, "album page scrolls sideways at 375 px");

        // Disconnect from the badge menu, after confirming.
        await page.Locator("#smugmug-badge").GetByRole(AriaRole.Button).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Disconnect SmugMug…" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Disconnect" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("smugmug-connect")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Connect your SmugMug account")).ToBeVisibleAsync();
        Assert.Empty(session.UnexpectedErrors);
    }

    /// <summary>The node id of a root folder, read the way the page reads it.</summary>
    private static async Task<string> FolderNodeIdAsync(IPage page, string name)
    {
        var card = page.Locator(".node-grid:not(.node-grid--skeleton) .node-card", new() { HasText = name });
        await Assertions.Expect(card).ToBeVisibleAsync();
        return (await card.GetAttributeAsync("data-node-id"))!;
    }

    [GeneratedRegex(@"/library/?$")]
    private static partial Regex LibraryRoot();

    [GeneratedRegex(@"/library/folder/[^/?]+$")]
    private static partial Regex FolderUrl();

    [GeneratedRegex(@"/library/album/[^/?]+$")]
    private static partial Regex AlbumUrl();

    [GeneratedRegex(@"^/api/photos/[^/]+/original$")]
    private static partial Regex OriginalHref();

    [GeneratedRegex("^Open ")]
    private static partial Regex OpenPhoto();
}
