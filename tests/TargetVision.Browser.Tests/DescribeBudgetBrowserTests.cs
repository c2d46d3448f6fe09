using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FakeAi;
using FakeSmugMug.Seeds;

namespace TargetVision.Browser.Tests;

/// <summary>
/// The manual describe dialog shows this month's AI spend against the autopilot's monthly cap, and warns (without
/// blocking) when the batch it estimates would cross the cap.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class DescribeBudgetBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Describe_dialog_shows_spend_against_the_cap_and_warns_before_crossing_it()
    {
        await using var claude = await FakeAnthropicServer.StartAsync(new FakeAiOptions());
        await using var smug = await SmugMugTestSetup.StartAsync(new FakeSmugMug.FakeSmugMugOptions { Library = LibrarySeeds.Small() });
        await using var live = await LiveApp.StartAsync(LiveApp.Settings(smug, claude));
        await smug.ConnectAsync(live.App.Services);
        await using var session = await browser.NewSessionAsync(live.BaseUrl);
        var page = session.Page;
        var albumKey = smug.Server.Library.FindAlbumByName("Vermont 2019")!.AlbumKey;
        await LiveApp.SignInAsync(page, "/library/album/" + albumKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sync album" }).ClickAsync();
        await Assertions.Expect(page.Locator(".photo-card[data-status='not_processed']")).ToHaveCountAsync(8, new() { Timeout = 30_000 });
        var cards = page.Locator(".photo-card");

        // No cap yet: the dialog shows the month's (zero) spend and says there is no cap. One photo is described for real.
        await cards.Nth(0).Locator(".photo-card__media").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Describe selected (1)" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Describe 1 selected photo" });
        await Assertions.Expect(dialog.GetByTestId("describe-spend")).ToHaveTextAsync("Spent this month: $0.00 (no monthly cap).");
        await Assertions.Expect(dialog.GetByTestId("describe-cap-warning")).ToHaveCountAsync(0);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Assertions.Expect(page.Locator(".photo-card[data-status='completed']")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        Assert.Equal(1, claude.Calls.SucceededCalls);

        // A cap half a description above what was spent: two more photos would cross it.
        var spent = (await SpendAsync(page)).GetProperty("spentThisMonthUsd").GetDecimal();
        Assert.True(spent > 0, "the described photo recorded no cost");
        var cap = Math.Round(spent * 1.5m, 6);
        await PutCapAsync(page, cap);

        await page.ReloadAsync();
        await cards.Nth(1).Locator(".photo-card__media").ClickAsync();
        await cards.Nth(2).Locator(".photo-card__media").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Describe selected (2)" }).ClickAsync();
        dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Describe 2 selected photos" });
        var status = dialog.GetByRole(AriaRole.Status);
        var warning = status.GetByTestId("describe-cap-warning");
        await Assertions.Expect(warning).ToBeVisibleAsync();
        var spendLine = SpendLine().Match(await status.GetByTestId("describe-spend").InnerTextAsync());
        Assert.True(spendLine.Success, await status.InnerTextAsync());
        AssertDisplayed(spent, spendLine.Groups["spent"].Value);
        AssertDisplayed(cap, spendLine.Groups["cap"].Value);
        var estimate = Dollars(EstimateCost().Match(await status.Locator(".estimate__cost").InnerTextAsync()).Groups[1].Value);
        var after = WarningFigures().Match(await warning.InnerTextAsync());
        Assert.True(after.Success, await warning.InnerTextAsync());
        AssertDisplayed(spent + estimate, after.Groups["after"].Value, tolerance: 0.0002m);
        AssertDisplayed(cap, after.Groups["cap"].Value);
        Assert.True(spent + estimate > cap);
        // The warning does not block: Start stays available, and nothing was paid for looking.
        await Assertions.Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Start" })).ToBeEnabledAsync();
        Assert.Equal(1, claude.Calls.TotalCalls);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        // A cap the batch fits under: the figure stays, the warning goes.
        await PutCapAsync(page, 1000m);
        await page.GetByRole(AriaRole.Button, new() { Name = "Describe selected (2)" }).ClickAsync();
        await Assertions.Expect(dialog.GetByTestId("describe-spend")).ToContainTextAsync("of the $1,000.00 monthly cap.");
        await Assertions.Expect(dialog.GetByTestId("describe-cap-warning")).ToHaveCountAsync(0);
    }

    private static async Task<JsonElement> SpendAsync(IPage page) =>
        (await page.EvaluateAsync<JsonElement>("async () => (await (await import('/js/api.js')).get('/api/autopilot/settings')).spend"));

    private static async Task PutCapAsync(IPage page, decimal cap) =>
        await page.EvaluateAsync("async (cap) => { await (await import('/js/api.js')).put('/api/autopilot/settings', { monthlyCapUsd: cap }); }",
            (double)cap);

    /// <summary>The dialog rounds cents to at most four places: the shown figure is the value to that precision.</summary>
    private static void AssertDisplayed(decimal expected, string shown, decimal tolerance = 0.00006m)
    {
        var value = Dollars(shown);
        Assert.True(Math.Abs(value - expected) <= tolerance, $"shown ${shown}, expected {expected.ToString(CultureInfo.InvariantCulture)}");
    }

    private static decimal Dollars(string shown) => decimal.Parse(shown.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^Spent this month: \$(?<spent>[\d,.]+) of the \$(?<cap>[\d,.]+) monthly cap\.$")]
    private static partial Regex SpendLine();

    [GeneratedRegex(@"≈ \$([\d,.]+)")]
    private static partial Regex EstimateCost();

    [GeneratedRegex(@"bring this month's spend to about \$(?<after>[\d,.]+), over the \$(?<cap>[\d,.]+) cap")]
    private static partial Regex WarningFigures();
}
