using System.Text.Json;
using FakeSmugMug.Seeds;

namespace TargetVision.Browser.Tests;

/// <summary>
/// Pages must not move while they load (Lighthouse's cumulative layout shift; the library measured 0.21 before the
/// checklist, the subtitle, the folder counts and the header badge got their places). Every shift Chromium reports
/// from navigation until the page has settled is summed (the sum is at least CLS, which takes the worst window), shifts
/// right after input excluded as the metric does.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LayoutShiftBrowserTests(BrowserFixture browser)
{
    /// <summary>The "good" CLS bound of Web Vitals.</summary>
    private const double Limit = 0.1;

    /// <summary>Installed before any page script (through DevTools, so the strict CSP stays on for the app).</summary>
    private const string Observer = """
        window.__layoutShifts = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) {
            if (entry.hadRecentInput) continue;
            const nodes = (entry.sources || []).map((s) => s.node && s.node.nodeType === 1
              ? s.node.tagName.toLowerCase() + (s.node.className ? '.' + String(s.node.className).trim().replace(/\s+/g, '.') : '')
              : String(s.node && s.node.nodeName));
            window.__layoutShifts.push({ value: entry.value, at: Math.round(entry.startTime), nodes: nodes.join(', ') });
          }
        }).observe({ type: 'layout-shift', buffered: true });
        """;

    [Fact]
    public async Task The_signed_in_library_and_the_main_pages_do_not_shift_while_they_load()
    {
        await using var smug = await SmugMugTestSetup.StartAsync(new FakeSmugMug.FakeSmugMugOptions { Library = LibrarySeeds.Small() });
        await using var live = await LiveApp.StartAsync(LiveApp.Settings(smug));
        await smug.ConnectAsync(live.App.Services);
        await using var session = await browser.NewSessionAsync(live.BaseUrl, 1350, 940);
        var page = session.Page;
        await LiveApp.SignInAsync(page, "/library");

        // A synced album: the root then shows stats in its subtitle, described counts on the folder cards and the
        // first-run checklist (nothing is described yet) above the grid — everything that arrives after the first paint.
        await page.GotoAsync("/library/album/" + smug.Server.Library.FindAlbumByName("Vermont 2019")!.AlbumKey);
        await page.Locator(".library__actions").GetByRole(AriaRole.Button, new() { Name = "Sync album" }).ClickAsync();
        await Assertions.Expect(page.Locator(".photo-card[data-status='not_processed']")).ToHaveCountAsync(8, new() { Timeout = 30_000 });

        await page.AddInitScriptAsync(Observer);
        var shifts = new Dictionary<string, (double Total, string Detail)>();

        await page.GotoAsync("/library");
        await Assertions.Expect(page.GetByTestId("first-run")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".node-grid:not(.node-grid--skeleton) .node-card").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-folder-counts]").First).Not.ToHaveTextAsync("…");
        await Assertions.Expect(page.Locator(".library__subtitle")).ToContainTextAsync("synced album");
        await Assertions.Expect(page.Locator("#main-nav")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#smugmug-badge")).ToContainTextAsync("@");
        shifts["/library"] = await SettledShiftAsync(page);

        await page.GotoAsync("/settings?tab=usage");
        await Assertions.Expect(page.GetByTestId("first-run")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#settings-stats .usage__models table, #settings-stats .usage__models .text-fail")).ToBeVisibleAsync();
        shifts["/settings?tab=usage"] = await SettledShiftAsync(page);

        await page.GotoAsync("/search?q=vermont");
        await Assertions.Expect(page.Locator(".search-count")).ToHaveTextAsync("8 photos");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Narrow by year or album" })).ToBeVisibleAsync();
        shifts["/search?q=vermont"] = await SettledShiftAsync(page);

        foreach (var path in new[] { "/collections", "/chat" })
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.Locator("main h1")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("main [role=status]:text-matches('^Loading', 'i')")).ToHaveCountAsync(0);
            shifts[path] = await SettledShiftAsync(page);
        }

        // scripts/test.sh prints the first line of each file under TV_QUALITY_REPORT as a figure.
        if (Environment.GetEnvironmentVariable("TV_QUALITY_REPORT") is { Length: > 0 } report)
        {
            Directory.CreateDirectory(report);
            await File.WriteAllLinesAsync(Path.Combine(report, "layout-shift.txt"),
                shifts.Select(s => $"{s.Key}: {s.Value.Detail}")
                    .Prepend("Layout shift while loading (sum of shifts, limit " + Limit + "): " + string.Join(", ", shifts.Select(s => $"{s.Key} {s.Value.Total:0.0000}"))));
        }
        Assert.Empty(session.UnexpectedErrors);
        Assert.All(shifts, s => Assert.True(s.Value.Total < Limit, $"{s.Key}: cumulative layout shift {s.Value.Total:0.000} ≥ {Limit}: {s.Value.Detail}"));
    }

    /// <summary>
    /// The summed shift once two more frames have been drawn (entries of the last frame are delivered by then), with
    /// the shifted elements for the failure message.
    /// </summary>
    private static async Task<(double Total, string Detail)> SettledShiftAsync(IPage page)
    {
        await page.EvaluateAsync("() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve))))");
        var json = await page.EvaluateAsync<string>("() => JSON.stringify(window.__layoutShifts)");
        using var entries = JsonDocument.Parse(json);
        var total = 0.0;
        var detail = new List<string>();
        foreach (var entry in entries.RootElement.EnumerateArray())
        {
            total += entry.GetProperty("value").GetDouble();
            detail.Add($"{entry.GetProperty("value").GetDouble():0.0000} at {entry.GetProperty("at").GetInt32()} ms ({entry.GetProperty("nodes").GetString()})");
        }
        return (total, detail.Count == 0 ? "no shift" : string.Join("; ", detail));
    }
}
