using System.Text.Json;
using System.Text.RegularExpressions;
using FakeAi;
using FakeSmugMug.Seeds;

namespace TargetVision.Browser.Tests;

/// <summary>
/// The screens a newcomer sees: axe-core over every page (0 serious or critical findings), and the album's selection
/// bar and layout on a phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ScreensBrowserTests(BrowserFixture browser)
{
    private const string Email = LiveApp.OwnerEmail;
    private const string Password = LiveApp.OwnerPassword;

    /// <summary>axe-core from the repository's node_modules (npm ci), injected the way a browser extension would.</summary>
    private static readonly Lazy<string> AxeSource = new(() =>
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "node_modules", "axe-core", "axe.min.js")));

    [Fact]
    public async Task Every_page_has_no_serious_or_critical_axe_findings()
    {
        await using var claude = await FakeAnthropicServer.StartAsync(new FakeAiOptions());
        await using var smug = await SmugMugTestSetup.StartAsync(new FakeSmugMug.FakeSmugMugOptions { Library = LibrarySeeds.Small() });
        // No owner configured: the first page is the setup form.
        var settings = LiveApp.Settings(smug, claude, withOwner: false);
        await using var live = await LiveApp.StartAsync(settings);
        await using var session = await browser.NewSessionAsync(live.BaseUrl);
        var page = session.Page;
        // An init script runs through the DevTools protocol, so the strict CSP stays on for the app itself.
        await page.AddInitScriptAsync(AxeSource.Value);
        // Contrast is judged on the settled page: a dialog mid fade-in is translucent and reads as low contrast.
        await page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });
        var findings = new List<string>();

        await page.GotoAsync("/setup");
        await Assertions.Expect(page.GetByLabel("Email")).ToBeVisibleAsync();
        findings.AddRange(await AxeAsync(page, "setup"));
        await page.GetByLabel("Email").FillAsync(Email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Repeat password").FillAsync(Password);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/setup"));

        await page.GotoAsync("/library");
        await Assertions.Expect(page.GetByText("Connect your SmugMug account")).ToBeVisibleAsync();
        findings.AddRange(await AxeAsync(page, "library (not connected)"));

        await smug.ConnectAsync(live.App.Services);
        await page.GotoAsync("/library");
        await Assertions.Expect(page.Locator(".node-grid:not(.node-grid--skeleton) .node-card").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-folder-counts]").First).Not.ToHaveTextAsync("…");
        findings.AddRange(await AxeAsync(page, "library root"));

        await page.Locator(".node-card", new() { HasText = "Travel" }).ClickAsync();
        await Assertions.Expect(page.Locator(".node-card", new() { HasText = "Vermont 2019" })).ToBeVisibleAsync();
        findings.AddRange(await AxeAsync(page, "folder"));

        await page.Locator(".node-card", new() { HasText = "Vermont 2019" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sync album" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("sync-progress")).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".photo-card[data-status='not_processed']")).ToHaveCountAsync(8, new() { Timeout = 15_000 });
        await page.Locator(".photo-card").Nth(0).Locator(".photo-card__media").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Selection" })).ToBeVisibleAsync();
        findings.AddRange(await AxeAsync(page, "album with a selection"));

        await page.Locator(".photo-card").Nth(1).HoverAsync();
        await page.Locator(".photo-card").Nth(1).GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Open ") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog).Locator(".ai-panel")).ToBeVisibleAsync();
        findings.AddRange(await AxeAsync(page, "photo modal"));
        await page.Keyboard.PressAsync("Escape");

        foreach (var tab in new[] { "keys", "prompts", "work", "cache", "usage", "visual", "mcp" })
        {
            await page.GotoAsync("/settings?tab=" + tab);
            await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Selected = true })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator(".settings-panel:not([hidden]) [role=status]:text-matches('^Loading', 'i')")).ToHaveCountAsync(0);
            findings.AddRange(await AxeAsync(page, "settings " + tab));
        }
        // Search with results: the synced (undescribed) Vermont photos match their album name.
        await page.GotoAsync("/search?q=vermont");
        await Assertions.Expect(page.Locator(".search-count")).ToHaveTextAsync("8 photos");
        await Assertions.Expect(page.Locator(".photo-card .hit-why").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Narrow by year or album" })).ToBeVisibleAsync();
        findings.AddRange(await AxeAsync(page, "search results"));

        foreach (var (path, name) in new[] { ("/search", "search"), ("/chat", "chat"), ("/collections", "collections"), ("/visual", "search by example"), ("/duplicates", "duplicates") })
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.Locator("main h1")).ToBeVisibleAsync();
            findings.AddRange(await AxeAsync(page, name));
        }

        // The pages behind a list: one collection, one chat conversation (made through the API the forms use).
        var xsrf = (await page.Context.CookiesAsync()).First(c => c.Name == "XSRF-TOKEN").Value;
        var headers = new Dictionary<string, string> { ["X-XSRF-TOKEN"] = xsrf };
        var created = await page.APIRequest.PostAsync("/api/collections", new() { DataObject = new { name = "Axe collection" }, Headers = headers });
        Assert.True(created.Ok, await created.TextAsync());
        var collectionId = (await created.JsonAsync())!.Value.GetProperty("id").GetInt32();
        await page.GotoAsync($"/collections/{collectionId}");
        await Assertions.Expect(page.Locator("main h1")).ToBeVisibleAsync();
        findings.AddRange(await AxeAsync(page, "collection"));
        var turn = await page.APIRequest.PostAsync("/api/chat/turns", new() { DataObject = new { question = "Which albums are about travel?" }, Headers = headers });
        Assert.True(turn.Ok, await turn.TextAsync());
        await page.GotoAsync("/chat");
        await page.GetByText("Which albums are about travel?").First.ClickAsync();
        await Assertions.Expect(page.GetByText("Which albums are about travel?").Last).ToBeVisibleAsync();
        findings.AddRange(await AxeAsync(page, "chat conversation"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/login"));
        findings.AddRange(await AxeAsync(page, "login"));

        Assert.True(findings.Count == 0, "axe-core found serious or critical problems:\n" + string.Join("\n", findings));
        Assert.Empty(session.UnexpectedErrors);
    }

    [Fact]
    public async Task On_a_phone_the_album_shows_photos_first_and_a_selection_bar_only_while_something_is_selected()
    {
        await using var claude = await FakeAnthropicServer.StartAsync(new FakeAiOptions());
        await using var smug = await SmugMugTestSetup.StartAsync(new FakeSmugMug.FakeSmugMugOptions { Library = LibrarySeeds.Small() });
        var settings = LiveApp.Settings(smug, claude);
        await using var live = await LiveApp.StartAsync(settings);
        await smug.ConnectAsync(live.App.Services);
        await using var session = await browser.NewSessionAsync(live.BaseUrl, 375, 812);
        var page = session.Page;
        var albumKey = smug.Server.Library.FindAlbumByName("Vermont 2019")!.AlbumKey;
        await page.GotoAsync($"/login?next={Uri.EscapeDataString("/library/album/" + albumKey)}");
        await page.GetByLabel("Email").FillAsync(Email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".photo-card")).ToHaveCountAsync(8);

        // Not synced yet: syncing is the one primary action.
        var header = page.Locator(".library__actions");
        await header.GetByRole(AriaRole.Button, new() { Name = "Sync album" }).ClickAsync();
        await Assertions.Expect(page.Locator(".photo-card[data-status='not_processed']")).ToHaveCountAsync(8, new() { Timeout = 30_000 });

        // Synced: one primary ("Describe album…") and the rest in one menu.
        await Assertions.Expect(header.GetByRole(AriaRole.Button, new() { Name = "Describe album…" })).ToBeVisibleAsync();
        await Assertions.Expect(header.GetByRole(AriaRole.Button, new() { Name = "Sync album", Exact = true })).ToBeHiddenAsync();
        await header.GetByRole(AriaRole.Button, new() { Name = "More album actions" }).ClickAsync();
        var menu = page.GetByRole(AriaRole.Menu, new() { Name = "More album actions" });
        foreach (var item in new[] { "Select interactively…", "Describe all undescribed…", "Sync album again", "Refresh" })
        {
            await Assertions.Expect(menu.GetByRole(AriaRole.Menuitem, new() { Name = item })).ToBeVisibleAsync();
        }
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(menu).ToBeHiddenAsync();

        // The first photo starts in the upper half of the screen, and thumbnails are big enough to see.
        // BoundingBox does not wait: let the grid render its first card before measuring it.
        var firstCard = page.Locator(".photo-card__media").First;
        await Assertions.Expect(firstCard).ToBeVisibleAsync();
        var first = await firstCard.BoundingBoxAsync();
        Assert.NotNull(first);
        Assert.True(first.Y < 812 / 2, $"the first photo starts at y = {first.Y} of 812");
        Assert.True(first.Width >= 140, $"thumbnails are {first.Width} px wide on a phone");
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 375, "the album scrolls sideways");

        // No selection, no bar. One selected: count, Clear, the primary and a menu.
        var bar = page.GetByRole(AriaRole.Region, new() { Name = "Selection" });
        await Assertions.Expect(bar).ToBeHiddenAsync();
        await page.Locator(".photo-card").Nth(0).Locator(".photo-card__media").ClickAsync();
        await Assertions.Expect(bar).ToBeVisibleAsync();
        await Assertions.Expect(bar.Locator(".selection-bar__count")).ToHaveTextAsync("1 selected");
        await Assertions.Expect(bar.GetByRole(AriaRole.Button, new() { Name = "Describe selected (1)" })).ToBeEnabledAsync();
        await bar.GetByRole(AriaRole.Button, new() { Name = "More actions for the selection" }).ClickAsync();
        await bar.GetByRole(AriaRole.Menuitem, new() { Name = "Select all shown" }).ClickAsync();
        await Assertions.Expect(bar.Locator(".selection-bar__count")).ToHaveTextAsync("8 selected");
        await Assertions.Expect(bar.GetByRole(AriaRole.Button, new() { Name = "Describe selected (8)" })).ToBeVisibleAsync();

        // The selection outlives leaving the album (it works across albums), and Clear hides the bar.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Breadcrumb" }).GetByRole(AriaRole.Link, new() { Name = "Travel" }).ClickAsync();
        await page.Locator(".node-card", new() { HasText = "Vermont 2019" }).ClickAsync();
        await Assertions.Expect(bar.Locator(".selection-bar__count")).ToHaveTextAsync("8 selected");
        await bar.GetByRole(AriaRole.Button, new() { Name = "Clear" }).ClickAsync();
        await Assertions.Expect(bar).ToBeHiddenAsync();
        Assert.Empty(session.UnexpectedErrors);
    }

    [Fact]
    public async Task Cancel_all_sits_in_the_progress_bar_and_shows_only_while_two_tasks_run()
    {
        await using var claude = await FakeAnthropicServer.StartAsync(new FakeAiOptions());
        // Slow, one at a time: both batches are still running when "Cancel all" is pressed.
        claude.Options.MinLatency = TimeSpan.FromSeconds(5);
        await using var smug = await SmugMugTestSetup.StartAsync(new FakeSmugMug.FakeSmugMugOptions { Library = LibrarySeeds.Small() });
        var settings = LiveApp.Settings(smug, claude);
        settings["Jobs:KindConcurrency:ai.describe"] = "1";
        await using var live = await LiveApp.StartAsync(settings);
        await smug.ConnectAsync(live.App.Services);
        await using var session = await browser.NewSessionAsync(live.BaseUrl);
        var page = session.Page;
        var albumKey = smug.Server.Library.FindAlbumByName("Vermont 2019")!.AlbumKey;
        await page.GotoAsync($"/login?next={Uri.EscapeDataString("/library/album/" + albumKey)}");
        await page.GetByLabel("Email").FillAsync(Email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sync album" }).ClickAsync();
        var cards = page.Locator(".photo-card");
        await Assertions.Expect(page.Locator(".photo-card[data-status='not_processed']")).ToHaveCountAsync(8, new() { Timeout = 30_000 });

        var bar = page.Locator("#global-progress");
        var cancelAll = bar.GetByRole(AriaRole.Button, new() { Name = "Cancel all" });
        foreach (var (from, to) in new[] { (0, 1), (4, 5) })
        {
            await cards.Nth(from).Locator(".photo-card__media").ClickAsync();
            await cards.Nth(to).Locator(".photo-card__media").ClickAsync(new() { Modifiers = [KeyboardModifier.Shift] });
            await page.GetByRole(AriaRole.Button, new() { Name = "Describe selected (2)" }).ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
            if (from == 0)
            {
                // One task: its own Cancel is enough.
                await Assertions.Expect(bar.Locator(".global-progress__row")).ToHaveCountAsync(1);
                await Assertions.Expect(cancelAll).ToBeHiddenAsync();
            }
        }

        await Assertions.Expect(bar.Locator(".global-progress__row")).ToHaveCountAsync(2);
        await cancelAll.ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel everything" }).ClickAsync();
        await Assertions.Expect(page.GetByText("2 tasks cancelled.")).ToBeVisibleAsync();
        await Assertions.Expect(bar).ToBeHiddenAsync();
        Assert.Empty(session.UnexpectedErrors);
    }

    /// <summary>Runs axe-core on the page as it is and returns its serious and critical findings, one line each.</summary>
    private static async Task<IEnumerable<string>> AxeAsync(IPage page, string name)
    {
        var result = await page.EvaluateAsync<JsonElement>(@"async () => {
            const r = await window.axe.run(document, { resultTypes: ['violations'] });
            return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 4).map(n => n.target.join(' ')).join(' | ')}`);
        }");
        return result.EnumerateArray().Select(v => $"[{name}] {v.GetString()}").ToList();
    }
}
