using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TargetVision.Api.Features.SmugMug;

namespace TargetVision.Tests.Autopilot;

/// <summary>The schedule on three replicas of one database: one run per slot, changes without restart, retries.</summary>
[Collection(AutopilotCollection.Name)]
public sealed class AutopilotSchedulerTests(AutopilotFixture fx)
{
    private async Task<int> RunCountAsync() => (int)(await fx.Database.ScalarAsync<long>("SELECT count(*) FROM autopilot_runs"));

    private async Task WaitForRunAsync(long id, string status)
    {
        await AutopilotFixture.WaitForAsync(async () =>
        {
            await fx.TickAllAsync();
            return await fx.Database.ScalarAsync<string>($"SELECT status FROM autopilot_runs WHERE id = {id}") == status;
        }, $"run {id} to be {status}");
    }

    [Fact]
    public async Task Three_replicas_start_one_run_per_slot_and_a_schedule_change_applies_without_restart()
    {
        using var a = await fx.OwnerAsync(0);
        using var b = await fx.OwnerAsync(1);
        var before = await RunCountAsync();
        var settings = await AutopilotFixture.PutSettingsAsync(a, new { mode = "hourly", autoDescribe = false });
        Assert.Equal("hourly", settings.GetProperty("mode").GetString());
        var next = settings.GetProperty("nextRunAt").GetDateTimeOffset();
        Assert.Equal(fx.Clock.GetUtcNow().AddHours(1), next);

        // Not due yet: nothing starts, however many replicas tick.
        await fx.TickAllAsync();
        Assert.Equal(before, await RunCountAsync());

        fx.Clock.Advance(TimeSpan.FromHours(1));
        var outcomes = await fx.TickAllAsync();
        Assert.Single(outcomes, o => o.Started is not null);
        await fx.TickAllAsync();
        Assert.Equal(before + 1, await RunCountAsync());
        var run = (await AutopilotFixture.RunsAsync(b))[0];
        Assert.Equal("schedule", run.GetProperty("trigger").GetString());
        Assert.Single(run.GetProperty("syncBatchIds").EnumerateArray());
        Assert.Equal(1L, await fx.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM job_batches WHERE id = '{run.GetProperty("syncBatchIds")[0].GetString()}'"));

        // The sync is the usual batch; once it finishes a tick completes the run with what changed.
        await WaitForRunAsync(run.GetProperty("id").GetInt64(), "Completed");
        run = (await AutopilotFixture.RunsAsync(a))[0];
        Assert.True(run.GetProperty("added").GetInt32() > 0, run.ToString());
        Assert.Equal(0, run.GetProperty("failed").GetInt32());

        // Changed on replica B to daily two hours from now: the hourly slot no longer runs, the daily one does.
        var daily = fx.Clock.GetUtcNow().AddHours(2);
        settings = await AutopilotFixture.PutSettingsAsync(b, new { mode = "daily", dailyTime = daily.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), timeZone = "UTC" });
        Assert.Equal(daily, settings.GetProperty("nextRunAt").GetDateTimeOffset());
        fx.Clock.Advance(TimeSpan.FromHours(1));
        await fx.TickAllAsync();
        Assert.Equal(before + 1, await RunCountAsync());
        fx.Clock.Advance(TimeSpan.FromHours(1));
        outcomes = await fx.TickAllAsync();
        Assert.Single(outcomes, o => o.Started is not null);
        Assert.Equal(before + 2, await RunCountAsync());
        await WaitForRunAsync((await AutopilotFixture.RunsAsync(a))[0].GetProperty("id").GetInt64(), "Completed");
        // The second run found nothing new: an incremental sync of an unchanged account.
        run = (await AutopilotFixture.RunsAsync(a))[0];
        Assert.Equal(0, run.GetProperty("added").GetInt32() + run.GetProperty("updated").GetInt32());

        await AutopilotFixture.PutSettingsAsync(a, new { mode = "off" });
    }

    [Fact]
    public async Task A_run_that_fails_is_reported_and_retried_next_tick()
    {
        using var a = await fx.OwnerAsync(0);
        await AutopilotFixture.PutSettingsAsync(a, new { mode = "every_hours", everyHours = 3, autoDescribe = false });
        await using (var scope = fx.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SmugMugAccountStore>().DisconnectAsync(CancellationToken.None);
        }
        fx.Clock.Advance(TimeSpan.FromHours(3));
        var outcomes = await fx.TickAllAsync();
        var failed = Assert.Single(outcomes, o => o.Started is not null).Started!;
        var run = (await AutopilotFixture.RunsAsync(a))[0];
        Assert.Equal(failed.Id, run.GetProperty("id").GetInt64());
        Assert.Equal("failed", run.GetProperty("status").GetString());
        Assert.Contains("Sync could not start", run.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, run.GetProperty("attempt").GetInt32());

        // The same tick on the other replicas does not hammer: the retry waits for the next tick.
        Assert.All(await fx.TickAllAsync(), o => Assert.Null(o.Started));

        await fx.Smug.ConnectAsync(fx.App.Services);
        fx.Clock.Advance(TimeSpan.FromSeconds(60));
        outcomes = await fx.TickAllAsync();
        var retried = Assert.Single(outcomes, o => o.Started is not null).Started!;
        Assert.Equal(2, retried.Attempt);
        Assert.Equal(failed.Slot, retried.Slot);
        await WaitForRunAsync(retried.Id, "Completed");
        await AutopilotFixture.PutSettingsAsync(a, new { mode = "off" });
    }

    [Fact]
    public async Task Settings_are_validated_as_problem_details()
    {
        using var a = await fx.OwnerAsync(0);
        using var response = await a.PutAsync("/api/autopilot/settings", new { everyHours = 0, dailyTime = "25:99", timeZone = "Mars/Olympus", monthlyCapUsd = -1 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        foreach (var field in new[] { "everyHours", "dailyTime", "timeZone", "monthlyCapUsd" })
        {
            Assert.True(problem.TryGetProperty(field, out _), field);
        }
        using var bad = await a.PutAsync("/api/autopilot/settings", new { mode = "sometimes" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}

[CollectionDefinition(Name)]
public sealed class AutopilotCollection : ICollectionFixture<AutopilotFixture>
{
    public const string Name = "autopilot";
}
