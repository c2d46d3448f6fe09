using System.IO.Compression;
using System.Text.RegularExpressions;
using FakeSmugMug.Seeds;

namespace TargetVision.Browser.Tests;

/// <summary>
/// Collections in a real browser against the fake SmugMug: select photos in an album, put them in a new collection
/// from the selection bar, reorder them (drag and keyboard), download the ZIP, publish to SmugMug; at phone width.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CollectionsBrowserTests(BrowserFixture browser)
{
    private const string Email = "owner@example.com";
    private const string Password = "a long enough password";

    [Fact]
    public async Task Select_collect_reorder_download_and_publish()
    {
        await using var smug = await SmugMugTestSetup.StartAsync(new FakeSmugMug.FakeSmugMugOptions { Library = LibrarySeeds.Small() });
        var settings = smug.Settings();
        settings["Admin:Email"] = Email;
        settings["Admin:Password"] = Password;
        await using var live = await LiveApp.StartAsync(settings);
        await smug.ConnectAsync(live.App.Services);
        await using var session = await browser.NewSessionAsync(live.BaseUrl, width: 375, height: 800);
        var page = session.Page;
        var album = smug.Server.Library.FindAlbumByName("Vermont 2019")!;
        var next = "/library/album/" + album.AlbumKey;
        await page.GotoAsync($"/login?next={Uri.EscapeDataString(next)}");
        await page.GetByLabel("Email").FillAsync(Email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(next) + "$"));

        // Sync the album, then select three photos with the keyboard.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sync album" }).ClickAsync();
        await Assertions.Expect(page.Locator(".photo-card[data-status='not_processed']")).ToHaveCountAsync(8, new() { Timeout = 60_000 });
        var cards = page.Locator(".photo-card");
        await cards.Nth(0).Locator(".photo-card__checkbox").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.Locator(".photo-card.is-selected")).ToHaveCountAsync(3);
        var names = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            names.Add(await cards.Nth(i).Locator(".photo-card__name").InnerTextAsync());
        }

        // "Add to collection" on the selection bar → a new collection named inline.
        var bar = page.GetByRole(AriaRole.Region, new() { Name = "Selection" });
        await bar.GetByRole(AriaRole.Button, new() { Name = "More actions for the selection" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { NameRegex = new Regex("^Add 3 to collection") }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { NameRegex = new Regex("^Add 3 photos") });
        await dialog.GetByLabel("New collection name").FillAsync("Barns for the client");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("Created “Barns for the client” with 3 photos.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".photo-card__star")).ToHaveCountAsync(3);

        // The collection page: the three selected photos.
        await page.GotoAsync("/collections");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Barns for the client") }).ClickAsync();
        var grid = page.GetByTestId("photo-grid");
        await Assertions.Expect(grid.Locator(".photo-card")).ToHaveCountAsync(3);
        var shown = (await grid.Locator(".photo-card__name").AllInnerTextsAsync()).ToList();
        Assert.Equal(names.Order(), shown.Order());
        names = shown;

        // Reorder: drag the third onto the first, then move it back one place with Alt+→.
        await page.GetByRole(AriaRole.Button, new() { Name = "Reorder" }).ClickAsync();
        static bool IsOrderSave(IResponse r) => r.Url.EndsWith("/order", StringComparison.Ordinal) && r.Request.Method == "PUT";
        var dragged = await page.RunAndWaitForResponseAsync(() => grid.Locator(".photo-card").Nth(2).DragToAsync(grid.Locator(".photo-card").Nth(0)), IsOrderSave);
        Assert.Equal(204, dragged.Status);
        await Assertions.Expect(grid.Locator(".photo-card__name")).ToHaveTextAsync([names[2], names[0], names[1]]);
        await grid.Locator(".photo-card").Nth(0).Locator(".photo-card__checkbox").FocusAsync();
        var moved = await page.RunAndWaitForResponseAsync(() => page.Keyboard.PressAsync("Alt+ArrowRight"), IsOrderSave);
        Assert.Equal(204, moved.Status);
        await Assertions.Expect(grid.Locator(".photo-card__name")).ToHaveTextAsync([names[0], names[2], names[1]]);
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("photo-grid").Locator(".photo-card__name")).ToHaveTextAsync([names[0], names[2], names[1]]);
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Order" })).ToHaveValueAsync("manual");

        // Download: the ZIP arrives with the three originals and the manifest.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download ZIP" }).ClickAsync());
        Assert.Equal("Barns for the client.zip", download.SuggestedFilename);
        var file = Path.Combine(Path.GetTempPath(), "tv-coll-" + Guid.NewGuid().ToString("N") + ".zip");
        try
        {
            await download.SaveAsAsync(file);
            using var zip = ZipFile.OpenRead(file);
            Assert.Equal(4, zip.Entries.Count);
            Assert.Equal("manifest.csv", zip.Entries[^1].FullName);
        }
        finally
        {
            File.Delete(file);
        }

        // Publish: a new unlisted album in Travel holding the three photos, with progress to the end.
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish to SmugMug…" }).ClickAsync();
        var publish = page.GetByRole(AriaRole.Dialog, new() { NameRegex = new Regex("^Publish") });
        await publish.GetByLabel("Folder").SelectOptionAsync(new SelectOptionValue { Label = "Travel" });
        await publish.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        await Assertions.Expect(publish.GetByRole(AriaRole.Link, new() { Name = "Open the album on SmugMug" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var published = smug.Server.Library.FindFolderByName("Travel")!.Children.OfType<FakeSmugMug.Model.FakeAlbum>().Single(a => a.Name == "Barns for the client");
        Assert.Equal(3, published.Collected.Count);
        Assert.Empty(session.UnexpectedErrors);
    }
}
