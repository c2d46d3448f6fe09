using System.Text.RegularExpressions;
using FakeAi;
using FakeSmugMug.Seeds;

namespace TargetVision.Browser.Tests;

/// <summary>
/// Search as a user meets it: the header box on every page ("/" focuses it), results explained and highlighted,
/// "describe these" for undescribed hits, album and date filters and facets in the URL, the photo modal, the back
/// button restoring the search, and the page on a phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SearchBrowserTests(BrowserFixture browser)
{
    private sealed record Setup(LiveApp Live, FakeAnthropicServer Claude, SmugMugTestSetup Smug) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Live.DisposeAsync();
            await Smug.DisposeAsync();
            await Claude.DisposeAsync();
        }
    }

    private static async Task<Setup> StartAsync()
    {
        var claude = await FakeAnthropicServer.StartAsync(new FakeAiOptions());
        var smug = await SmugMugTestSetup.StartAsync(new FakeSmugMug.FakeSmugMugOptions { Library = LibrarySeeds.Small() });
        var live = await LiveApp.StartAsync(LiveApp.Settings(smug, claude));
        await smug.ConnectAsync(live.App.Services);
        return new Setup(live, claude, smug);
    }


    private static async Task SyncAlbumAsync(IPage page, Setup setup, string name, int photos)
    {
        await page.GotoAsync("/library/album/" + setup.Smug.Server.Library.FindAlbumByName(name)!.AlbumKey);
        await page.Locator(".library__actions").GetByRole(AriaRole.Button, new() { Name = "Sync album" }).ClickAsync();
        await Assertions.Expect(page.Locator(".photo-card[data-status='not_processed']")).ToHaveCountAsync(photos, new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task Header_query_filters_modal_and_back_button()
    {
        await using var setup = await StartAsync();
        await using var session = await browser.NewSessionAsync(setup.Live.BaseUrl);
        var page = session.Page;
        var vermontKey = setup.Smug.Server.Library.FindAlbumByName("Vermont 2019")!.AlbumKey;
        await LiveApp.SignInAsync(page, "/library");
        await SyncAlbumAsync(page, setup, "Sunsets", 11);
        await SyncAlbumAsync(page, setup, "Vermont 2019", 8);

        // Describe the Vermont album from its page.
        await page.Locator(".library__actions").GetByRole(AriaRole.Button, new() { Name = "Describe album…" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { NameRegex = new Regex("^Describe") });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Assertions.Expect(page.Locator(".photo-card[data-status='completed']")).ToHaveCountAsync(8, new() { Timeout = 60_000 });

        // "/" reaches the header box from anywhere that is not a text field; Enter opens the Search page.
        await page.Keyboard.PressAsync("/");
        var box = page.GetByRole(AriaRole.Search).GetByLabel("Search photos");
        await Assertions.Expect(box).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("sunsets");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/search\?q=sunsets$"));
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Search");
        // Words only: meaning would also bring the described Vermont photos with their warm colours.
        await page.GetByRole(AriaRole.Radio, new() { Name = "Words" }).CheckAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/search\?q=sunsets&mode=text$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Picture" })).ToBeDisabledAsync();
        var count = page.Locator(".search-count");
        await Assertions.Expect(count).ToHaveTextAsync("11 photos");
        // Found by the album name only: the undescribed hits can be described from here.
        await Assertions.Expect(page.Locator(".hit-why").First).ToContainTextAsync("words #1");
        var describeThese = page.GetByRole(AriaRole.Button, new() { Name = "Describe these 11 undescribed…" });
        await describeThese.ClickAsync();
        dialog = page.GetByRole(AriaRole.Dialog, new() { NameRegex = new Regex("^Describe") });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Assertions.Expect(page.Locator(".photo-card[data-status='completed']")).ToHaveCountAsync(11, new() { Timeout = 60_000 });
        await Assertions.Expect(describeThese).ToBeHiddenAsync();

        // Every fake description speaks of "tones": all 19 described photos, the word marked in each snippet.
        await box.FillAsync("tones");
        await box.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/search\?q=tones&mode=text$"));
        await Assertions.Expect(count).ToHaveTextAsync("19 photos");
        await Assertions.Expect(page.Locator(".photo-card .hit-snippet mark").First).ToHaveTextAsync(new Regex("^tones$", RegexOptions.IgnoreCase));
        var years = page.GetByRole(AriaRole.Region, new() { Name = "Narrow by year or album" });
        await Assertions.Expect(years.GetByRole(AriaRole.Button, new() { Name = "2019 8 photos", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(years.GetByRole(AriaRole.Button, new() { Name = "2018 11 photos", Exact = true })).ToBeVisibleAsync();

        if (Environment.GetEnvironmentVariable("TV_SCREENSHOT_DIR") is { Length: > 0 } shots)
        {
            // For the docs (docs/search.png), on request only.
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "search.png") });
        }

        // Filter by album, then by capture date: each step is a URL of its own.
        var filters = page.GetByRole(AriaRole.Region, new() { Name = "Filters" });
        await filters.GetByLabel("Album", new() { Exact = true }).SelectOptionAsync(vermontKey);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($@"/search\?q=tones&mode=text&album={vermontKey}$"));
        await Assertions.Expect(count).ToHaveTextAsync("8 photos");
        var onFirstDay = (int)await setup.Live.Database.ScalarAsync<long>("""
            SELECT count(*) FROM photos p JOIN albums a ON a.id = p.album_id
            WHERE a.name = 'Vermont 2019' AND p.captured_at >= '2019-10-03' AND p.captured_at < '2019-10-04'
            """);
        Assert.InRange(onFirstDay, 1, 8);
        await filters.GetByLabel("From", new() { Exact = true }).FillAsync("2019-10-01");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("from=2019-10-01$"));
        await filters.GetByLabel("To", new() { Exact = true }).FillAsync("2019-10-03");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($@"/search\?q=tones&mode=text&album={vermontKey}&from=2019-10-01&to=2019-10-03$"));
        var filtered = onFirstDay == 1 ? "1 photo" : $"{onFirstDay} photos";
        await Assertions.Expect(count).ToHaveTextAsync(filtered);
        await Assertions.Expect(page.Locator(".photo-card")).ToHaveCountAsync(onFirstDay);

        // Open a result in the photo modal and close it.
        var first = page.Locator(".photo-card").First;
        await first.HoverAsync();
        await first.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Open ") }).ClickAsync();
        var modal = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(modal.Locator(".ai-panel")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(modal).ToHaveCountAsync(0);

        // Leave, then come back: the same search, filters and results.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Library" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/library$"));
        await page.GoBackAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("to=2019-10-03$"));
        await Assertions.Expect(count).ToHaveTextAsync(filtered);
        await Assertions.Expect(box).ToHaveValueAsync("tones");
        await Assertions.Expect(filters.GetByLabel("Album", new() { Exact = true })).ToHaveValueAsync(vermontKey);
        await Assertions.Expect(filters.GetByLabel("To", new() { Exact = true })).ToHaveValueAsync("2019-10-03");
        // One step further back: before the dates.
        await page.GoBackAsync();
        await page.GoBackAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($@"/search\?q=tones&mode=text&album={vermontKey}$"));
        await Assertions.Expect(count).ToHaveTextAsync("8 photos");
        await Assertions.Expect(filters.GetByLabel("From", new() { Exact = true })).ToHaveValueAsync("");

        // A facet narrows too, and pressing it again lifts it.
        await page.GoBackAsync();
        await Assertions.Expect(count).ToHaveTextAsync("19 photos");
        await years.GetByRole(AriaRole.Button, new() { Name = "2018 11 photos", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"from=2018-01-01&to=2018-12-31$"));
        await Assertions.Expect(count).ToHaveTextAsync("11 photos");
        await Assertions.Expect(years.GetByRole(AriaRole.Button, new() { Name = "2018 11 photos", Exact = true })).ToHaveAttributeAsync("aria-pressed", "true");
        await years.GetByRole(AriaRole.Button, new() { Name = "2018 11 photos", Exact = true }).ClickAsync();
        await Assertions.Expect(count).ToHaveTextAsync("19 photos");

        // Nothing found: the page says so and offers what helps.
        await box.FillAsync("zeppelin");
        await box.PressAsync("Enter");
        await Assertions.Expect(page.GetByText("No photos match “zeppelin”")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("described-count")).ToHaveTextAsync(new Regex("^19 of 19 photos have descriptions"));
        Assert.Empty(session.UnexpectedErrors);
    }

    [Fact]
    public async Task On_a_phone_the_search_page_fits_and_folds_its_filters()
    {
        await using var setup = await StartAsync();
        await using var session = await browser.NewSessionAsync(setup.Live.BaseUrl, 375, 812);
        var page = session.Page;
        await LiveApp.SignInAsync(page, "/library");
        await SyncAlbumAsync(page, setup, "Vermont 2019", 8);

        // The header box folds into a button on a phone.
        var box = page.GetByRole(AriaRole.Search).GetByLabel("Search photos");
        await Assertions.Expect(box).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Search).GetByRole(AriaRole.Button, new() { Name = "Open search" }).ClickAsync();
        await Assertions.Expect(box).ToBeFocusedAsync();
        await box.FillAsync("vermont");
        await box.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".search-count")).ToHaveTextAsync("8 photos");
        var firstCard = page.Locator(".photo-card__media").First;
        await Assertions.Expect(firstCard).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 375, "the search page scrolls sideways");
        var card = await firstCard.BoundingBoxAsync();
        Assert.NotNull(card);
        Assert.True(card.Width >= 140, $"thumbnails are {card.Width} px wide on a phone");
        await Assertions.Expect(box).ToHaveValueAsync("vermont");

        // The filters fold behind one button; open, they work as on a wide screen.
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Filters", Exact = true });
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        var album = page.GetByRole(AriaRole.Region, new() { Name = "Filters" }).GetByLabel("Album", new() { Exact = true });
        await Assertions.Expect(album).ToBeHiddenAsync();
        await toggle.ClickAsync();
        await Assertions.Expect(album).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Region, new() { Name = "Filters" }).GetByLabel("Description", new() { Exact = true }).SelectOptionAsync("completed");
        await Assertions.Expect(page.GetByText("No photos match “vermont”")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Filters (1)" })).ToHaveAttributeAsync("aria-expanded", "true");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove the filter" }).ClickAsync();
        await Assertions.Expect(page.Locator(".search-count")).ToHaveTextAsync("8 photos");
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 375, "the open filters scroll sideways");

        // Whether a photo has any description, and photos or videos: both in the URL (the seed has no video).
        var filters = page.GetByRole(AriaRole.Region, new() { Name = "Filters" });
        await filters.GetByLabel("Has a description", new() { Exact = true }).SelectOptionAsync("false");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/search\?q=vermont&hasDescription=false$"));
        await Assertions.Expect(page.Locator(".search-count")).ToHaveTextAsync("8 photos");
        await filters.GetByLabel("Has a description", new() { Exact = true }).SelectOptionAsync("true");
        await Assertions.Expect(page.GetByText("No photos match “vermont”")).ToBeVisibleAsync();
        await filters.GetByLabel("Has a description", new() { Exact = true }).SelectOptionAsync("");
        await filters.GetByLabel("Media", new() { Exact = true }).SelectOptionAsync("video");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/search\?q=vermont&media=video$"));
        await Assertions.Expect(page.GetByText("No photos match “vermont”")).ToBeVisibleAsync();
        await filters.GetByLabel("Media", new() { Exact = true }).SelectOptionAsync("photo");
        await Assertions.Expect(page.Locator(".search-count")).ToHaveTextAsync("8 photos");

        // Back from another page returns to where the results were scrolled, not to the top.
        await page.GetByRole(AriaRole.Button, new() { Name = "Filters (1)" }).ClickAsync();
        var scrolled = await page.EvaluateAsync<double>("() => { window.scrollTo(0, document.documentElement.scrollHeight); return window.scrollY; }");
        Assert.True(scrolled > 200, $"the results are only {scrolled} px taller than a phone screen");
        // A script click: a pointer click would scroll the link into view first.
        await page.EvaluateAsync("() => document.querySelector('a[href=\"/library\"]').click()");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/library$"));
        await page.WaitForFunctionAsync("() => window.scrollY === 0");
        await page.GoBackAsync();
        await Assertions.Expect(page.Locator(".search-count")).ToHaveTextAsync("8 photos");
        await page.WaitForFunctionAsync("y => Math.abs(window.scrollY - y) < 2", scrolled);

        Assert.Empty(session.UnexpectedErrors);

        // A shared link to a Picture search on a server without a CLIP model offers Best match instead.
        await page.GotoAsync("/search?q=vermont&mode=visual");
        await Assertions.Expect(page.GetByText("This search cannot run")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Search by best match instead" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/search\?q=vermont$"));
        await Assertions.Expect(page.Locator(".search-count")).ToHaveTextAsync("8 photos");
        // The only error logged is the refused Picture search itself.
        Assert.Single(session.UnexpectedErrors, e => e.Contains("status of 400", StringComparison.Ordinal));
        Assert.All(session.UnexpectedErrors, e => Assert.Contains("status of 400", e, StringComparison.Ordinal));
    }
}
