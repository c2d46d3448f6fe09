using System.Text.RegularExpressions;
using FakeSmugMug.Seeds;

namespace TargetVision.Browser.Tests;

/// <summary>
/// Settings → Autopilot in a real browser against the fake SmugMug: run a sync, enable a schedule and a monthly cap,
/// opt an album in, preview the write-back diff, confirm it and undo it — checking the fake's photos each time.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AutopilotBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Enable_schedule_and_budget_preview_confirm_and_undo_a_write_back()
    {
        await using var smug = await SmugMugTestSetup.StartAsync(new FakeSmugMug.FakeSmugMugOptions { Library = LibrarySeeds.Small() });
        var settings = LiveApp.Settings(smug);
        // The real scheduler loop advances runs here (no test ticks): a short interval keeps the test quick.
        settings["Autopilot:TickSeconds"] = "1";
        await using var live = await LiveApp.StartAsync(settings);
        await smug.ConnectAsync(live.App.Services);
        await live.Database.ExecuteAsync("UPDATE smugmug_accounts SET permissions = 'Modify'");
        await using var session = await browser.NewSessionAsync(live.BaseUrl);
        var page = session.Page;
        await LiveApp.SignInAsync(page, "/settings?tab=autopilot");
        var panel = page.Locator("#settings-autopilot");

        // Run now: the sync is the usual batch and the scheduler completes the run on its own.
        await panel.GetByRole(AriaRole.Button, new() { Name = "Run now" }).ClickAsync();
        await Assertions.Expect(panel.Locator("#autopilot-runs tr[data-status='completed']")).ToHaveCountAsync(1, new() { Timeout = 60_000 });

        // A schedule every 6 hours and a monthly cap of $5.
        await panel.GetByLabel("Schedule", new() { Exact = true }).SelectOptionAsync("every_hours");
        await panel.GetByLabel("Every how many hours", new() { Exact = true }).FillAsync("6");
        await panel.GetByLabel("Monthly cap (USD)", new() { Exact = true }).FillAsync("5");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Save schedule" }).ClickAsync();
        await Assertions.Expect(panel.Locator("#autopilot-spend")).ToHaveTextAsync(new Regex(@"of \$5\.00"));
        await Assertions.Expect(panel.Locator("#autopilot-next")).ToContainTextAsync("Next run:");
        Assert.Equal("EveryHours", await live.Database.ScalarAsync<string>("SELECT mode FROM autopilot_settings"));
        Assert.Equal(5m, await live.Database.ScalarAsync<decimal>("SELECT monthly_cap_usd FROM autopilot_settings"));

        // Two approved descriptions in Sunsets, saved and approved through the app's own API client.
        var sunsets = smug.Server.Library.FindAlbumByName("Sunsets")!;
        var first = sunsets.Images[0];
        var second = sunsets.Images[1];
        foreach (var (image, text, keywords) in new[] { (first, "Orange light over the harbour.", "harbour,orange"), (second, "A violet dusk.", "dusk,violet") })
        {
            var id = await live.Database.ScalarAsync<int>("SELECT id FROM photos WHERE image_key = @k", ("k", image.ImageKey));
            await page.EvaluateAsync("""
                async ([id, text, keywords]) => {
                  const api = await import('/js/api.js');
                  await api.put(`/api/photos/${id}/ai`, { description: text, keywords: keywords.split(',') });
                  await api.post(`/api/photos/${id}/ai/approve`, {});
                }
                """, new object[] { id, text, keywords });
        }
        await page.ReloadAsync();

        // Opt Sunsets in, preview: each photo's current value → new value.
        await panel.Locator("#writeback-targets input[data-kind='album'][data-key='" + sunsets.AlbumKey + "']").CheckAsync();
        await Assertions.Expect(panel.GetByLabel("Preview for", new() { Exact = true })).ToContainTextAsync("Album Sunsets");
        await panel.GetByLabel("Preview for", new() { Exact = true }).SelectOptionAsync("album:" + sunsets.AlbumKey);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Preview changes" }).ClickAsync();
        var diff = panel.Locator("#writeback-diff tbody tr");
        await Assertions.Expect(diff).ToHaveCountAsync(2);
        await Assertions.Expect(panel.Locator("#writeback-diff")).ToContainTextAsync("Orange light over the harbour.");
        await Assertions.Expect(panel.Locator("#writeback-diff")).ToContainTextAsync("harbour; orange");

        // Confirm: SmugMug gets the captions and keywords.
        await panel.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Write 2 photo") }).ClickAsync();
        await Assertions.Expect(panel.Locator("#writeback-counts")).ToContainTextAsync("2 written", new() { Timeout = 30_000 });
        Assert.Equal("Orange light over the harbour.", first.Caption);
        Assert.Equal(["harbour", "orange"], first.Keywords);
        Assert.Equal(["dusk", "violet"], second.Keywords);

        // Undo: the previous (empty) values come back.
        await panel.GetByRole(AriaRole.Button, new() { Name = "Undo this write-back" }).ClickAsync();
        await Assertions.Expect(panel.Locator("#writeback-counts")).ToContainTextAsync("2 undone", new() { Timeout = 30_000 });
        Assert.Equal("", first.Caption);
        Assert.Empty(first.Keywords);
        Assert.Empty(second.Keywords);
    }
}
