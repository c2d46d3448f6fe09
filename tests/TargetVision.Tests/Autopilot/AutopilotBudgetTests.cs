using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TargetVision.Tests.Autopilot;

/// <summary>Auto-describe held to the monthly cap, counted on the fake provider's own call counters.</summary>
[Collection(AutopilotCollection.Name)]
public sealed class AutopilotBudgetTests(AutopilotFixture fx)
{
    private async Task<decimal> MonthSpendAsync(ApiSession session)
    {
        var shown = (await session.GetJsonAsync("/api/autopilot/settings")).GetProperty("spend").GetProperty("spentThisMonthUsd").GetDecimal();
        Assert.Equal(await fx.Database.ScalarAsync<decimal>("SELECT coalesce(sum(cost_usd), 0) FROM ai_usage"), shown);
        return shown;
    }

    private async Task<JsonElement> RunAsync(ApiSession session, long id) =>
        (await AutopilotFixture.RunsAsync(session)).Single(r => r.GetProperty("id").GetInt64() == id);

    private async Task<JsonElement> WaitForRunAsync(ApiSession session, long id, Func<JsonElement, bool> condition, string what)
    {
        JsonElement run = default;
        await AutopilotFixture.WaitForAsync(async () =>
        {
            await fx.TickAllAsync();
            run = await RunAsync(session, id);
            return condition(run);
        }, what);
        return run;
    }

    private async Task WaitForNoDescribeRunningAsync() =>
        await AutopilotFixture.WaitForAsync(async () => await fx.Database.ScalarAsync<long>(
            "SELECT count(*) FROM jobs WHERE kind = 'ai.describe' AND status = 'Running'") == 0, "no describe job running");

    private static void UniformImage(FakeSmugMug.Model.FakeImage image)
    {
        image.OriginalWidth = 3000;
        image.OriginalHeight = 2000;
        image.Color = FakeSmugMug.Model.PaletteColor.Blue;
        image.AccentColor = FakeSmugMug.Model.PaletteColor.White;
    }

    [Fact]
    public async Task Cap_reached_mid_batch_pauses_with_its_reason_and_raising_the_cap_resumes()
    {
        using var session = await fx.OwnerAsync(0);
        // A folder of identical photos (same size and colours, so every description costs the same), the only one
        // autopilot syncs and describes.
        var folder = fx.Fake.Library.AddFolder(fx.Fake.Library.Root, "Budget");
        var uniform = fx.Fake.Library.AddAlbum(folder, "Uniform");
        for (var i = 0; i < 7; i++)
        {
            fx.Fake.Library.AddImage(uniform, $"same-{i}.jpg", UniformImage);
        }
        await AutopilotFixture.PutSettingsAsync(session, new { mode = "off", autoDescribe = true, folderNodeIds = new[] { folder.NodeId } });
        // Sync once by hand and describe one photo by hand: a manual batch, never stopped by a cap, prices one call.
        await TargetVision.Tests.SmugMug.SyncWaiter.SyncAsync(session, new { scope = "folder", nodeId = folder.NodeId }, fx.Database);
        var first = await fx.Database.ScalarAsync<int>("SELECT id FROM photos WHERE image_key = @k", ("k", uniform.Images[0].ImageKey));
        using (var manual = await session.PostAsync("/api/processing/batches", new { scope = "photos", photoIds = new[] { first } }))
        {
            Assert.Equal(HttpStatusCode.Accepted, manual.StatusCode);
        }
        await AutopilotFixture.WaitForAsync(async () => await fx.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM photo_ai_versions WHERE photo_id = {first}") == 1, "the manual description");
        var oneCall = await fx.Database.ScalarAsync<decimal>($"SELECT cost_usd FROM photo_ai_versions WHERE photo_id = {first}");
        Assert.True(oneCall > 0);
        var spent = await MonthSpendAsync(session);

        // At the cap: the run's describe batch pauses before its first paid call.
        var settings = await AutopilotFixture.PutSettingsAsync(session, new { monthlyCapUsd = spent });
        Assert.True(settings.GetProperty("spend").GetProperty("atCap").GetBoolean());
        var callsBefore = fx.Claude.Calls.SucceededCalls;
        using var started = await session.PostAsync("/api/autopilot/runs", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var run = await WaitForRunAsync(session, runId, r => r.GetProperty("status").GetString() == "paused", "the run to pause at the cap");
        await WaitForNoDescribeRunningAsync();
        Assert.Equal(callsBefore, fx.Claude.Calls.SucceededCalls);
        Assert.Contains("Monthly cap reached", run.GetProperty("pausedReason").GetString(), StringComparison.Ordinal);
        var toDescribe = run.GetProperty("toDescribe").GetInt32();
        Assert.Equal(uniform.Images.Count - 1, toDescribe);
        var batchId = run.GetProperty("describeBatchId").GetString();
        Assert.Equal("paused", (await session.GetJsonAsync($"/api/batches/{batchId}")).GetProperty("status").GetString());
        Assert.True(await fx.Database.ScalarAsync<long>("SELECT count(*) FROM events WHERE type = 'autopilot.budget'") >= 1);

        // Raised by two and a half calls: exactly two more paid calls fit, then the batch pauses again mid-way.
        var cap = Math.Round(spent + (oneCall * 2.5m), 6);
        await AutopilotFixture.PutSettingsAsync(session, new { monthlyCapUsd = cap });
        run = await WaitForRunAsync(session, runId, r => r.GetProperty("status").GetString() == "paused" && r.GetProperty("described").GetInt32() > 0,
            "the run to pause again at the raised cap");
        await WaitForNoDescribeRunningAsync();
        var paid = fx.Claude.Calls.SucceededCalls - callsBefore;
        Assert.Equal(2, paid);
        Assert.Equal(2L, await fx.Database.ScalarAsync<long>($"SELECT count(*) FROM photo_ai_versions WHERE batch_id = '{batchId}'"));
        Assert.True(await MonthSpendAsync(session) <= cap, $"spent {await MonthSpendAsync(session)} > cap {cap.ToString(CultureInfo.InvariantCulture)}");
        var estimate = await session.PostAsync("/api/processing/estimate", new { scope = "photos", photoIds = new[] { first }, includeDescribed = true });
        var body = await estimate.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("wouldExceedMonthlyCap").GetBoolean(), body.ToString());

        // No cap: the batch resumes and the run completes with every photo described and its cost.
        await AutopilotFixture.PutSettingsAsync(session, new { clearMonthlyCap = true });
        run = await WaitForRunAsync(session, runId, r => r.GetProperty("status").GetString() == "completed", "the run to complete");
        Assert.Equal(toDescribe, run.GetProperty("described").GetInt32());
        Assert.Equal(toDescribe, fx.Claude.Calls.SucceededCalls - callsBefore);
        Assert.True(run.GetProperty("costUsd").GetDecimal() > 0);
        Assert.Null(run.GetProperty("pausedReason").GetString());

        // Next run: a new upload and a replaced file are described; a caption edited on SmugMug is not a reason to pay.
        fx.Fake.Library.ReplaceImage(uniform.Images[1]);
        fx.Fake.Library.UpdateImage(uniform.Images[2], i => i.Caption = "Edited by the photographer");
        fx.Fake.Library.AddImage(uniform, "Uploaded this week.jpg", UniformImage);
        using var again = await session.PostAsync("/api/autopilot/runs", null);
        var againId = (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        run = await WaitForRunAsync(session, againId, r => r.GetProperty("status").GetString() == "completed", "the second run");
        Assert.Equal(1, run.GetProperty("added").GetInt32());
        Assert.Equal(2, run.GetProperty("updated").GetInt32());
        Assert.Equal(2, run.GetProperty("toDescribe").GetInt32());
        Assert.Equal(2, run.GetProperty("described").GetInt32());
        Assert.Equal(toDescribe + 2, fx.Claude.Calls.SucceededCalls - callsBefore);
    }
}
