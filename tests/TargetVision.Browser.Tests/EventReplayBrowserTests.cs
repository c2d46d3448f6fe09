using System.Text.Json;
using FakeAi;
using FakeSmugMug.Seeds;

namespace TargetVision.Browser.Tests;

/// <summary>
/// The event stream is cut mid-batch (server-side, and kept down while the batch finishes); the page must resume with
/// the last event id it saw and end up showing exactly what the server holds.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class EventReplayBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_stream_dropped_mid_batch_resumes_from_the_last_event_and_the_page_ends_in_the_servers_state()
    {
        await using var claude = await FakeAnthropicServer.StartAsync(new FakeAiOptions());
        // One description at a time, slow enough that the drop lands mid-batch.
        claude.Options.MinLatency = TimeSpan.FromMilliseconds(700);
        await using var smug = await SmugMugTestSetup.StartAsync(new FakeSmugMug.FakeSmugMugOptions { Library = LibrarySeeds.Small() });
        var settings = LiveApp.Settings(smug, claude);
        settings["Jobs:KindConcurrency:ai.describe"] = "1";
        var streams = new EventStreams();
        await using var live = await LiveApp.StartAsync(settings, streams.AddTo);
        await smug.ConnectAsync(live.App.Services);
        await using var session = await browser.NewSessionAsync(live.BaseUrl);
        var page = session.Page;
        var albumKey = smug.Server.Library.FindAlbumByName("Vermont 2019")!.AlbumKey;
        await LiveApp.SignInAsync(page, "/library/album/" + albumKey);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sync album" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("sync-progress")).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 30_000 });
        var cards = page.Locator(".photo-card");
        var described = page.Locator(".photo-card[data-status='completed']");
        await Assertions.Expect(page.Locator(".photo-card[data-status='not_processed']")).ToHaveCountAsync(8, new() { Timeout = 15_000 });

        // Describe all eight.
        await cards.Nth(0).Locator(".photo-card__media").ClickAsync();
        await page.Keyboard.PressAsync("Control+a");
        await page.GetByRole(AriaRole.Button, new() { Name = "Describe selected (8)" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();

        // Mid-batch: the first description has arrived. Cut the stream and keep it down.
        await Assertions.Expect(described.First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.RouteAsync("**/api/events**", route => route.AbortAsync());
        streams.DropAll();
        var requestsBefore = streams.ResumeIds.Count;
        Assert.True(await CountOnServerAsync(page, albumKey, "completed") < 8, "the batch ended before the stream was cut");

        // The server finishes the batch while the page hears nothing.
        await WaitUntilAsync(async () => await ActiveBatchCountAsync(page) == 0, TimeSpan.FromSeconds(60));
        Assert.Equal(8, await CountOnServerAsync(page, albumKey, "completed"));
        Assert.True(await described.CountAsync() < 8, "the page heard the end of the batch through a cut stream");

        // Back online: the page reconnects on its own, resuming after the last event it saw.
        await page.UnrouteAsync("**/api/events**");
        await Assertions.Expect(described).ToHaveCountAsync(8, new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByText("8 photos described", new() { Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#global-progress")).ToBeHiddenAsync();
        var resumed = streams.ResumeIds.Skip(requestsBefore).Where(id => long.TryParse(id, out var n) && n > 0).ToList();
        Assert.NotEmpty(resumed);

        // Every badge on the page is the server's status for that photo.
        var server = await StatusesOnServerAsync(page, albumKey);
        foreach (var card in await cards.AllAsync())
        {
            var key = await card.GetAttributeAsync("data-image-key");
            Assert.Equal(server[key!], await card.GetAttributeAsync("data-status"));
        }
        // Aborted stream requests are the point of this test; nothing else may fail.
        Assert.DoesNotContain(session.UnexpectedErrors, e => !e.Contains("net::ERR_", StringComparison.Ordinal));
    }


    private static async Task<Dictionary<string, string>> StatusesOnServerAsync(IPage page, string albumKey)
    {
        var response = await page.APIRequest.GetAsync($"/api/smugmug/albums/{albumKey}/photos?limit=100");
        Assert.Equal(200, response.Status);
        using var json = JsonDocument.Parse(await response.TextAsync());
        return json.RootElement.GetProperty("photos").EnumerateArray()
            .ToDictionary(p => p.GetProperty("imageKey").GetString()!, p => p.GetProperty("status").GetString()!);
    }

    private static async Task<int> CountOnServerAsync(IPage page, string albumKey, string status) =>
        (await StatusesOnServerAsync(page, albumKey)).Values.Count(s => s == status);

    private static async Task<int> ActiveBatchCountAsync(IPage page)
    {
        var response = await page.APIRequest.GetAsync("/api/batches?active=true");
        using var json = JsonDocument.Parse(await response.TextAsync());
        return json.RootElement.GetProperty("items").GetArrayLength();
    }

    /// <summary>Polls a condition against the server until it holds (no fixed sleep decides the outcome).</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold in time");
            await Task.Delay(200);
        }
    }
}
