using static TargetVision.Tests.Processing.ProcessingAssertions;

namespace TargetVision.Tests.Processing;

/// <summary>
/// A replica killed with SIGKILL mid-batch: no drain, no hand-back. Its claimed jobs must return to the queue when
/// their leases expire and another replica must finish the batch, paying at most one extra call per lost claim.
/// </summary>
public sealed class WorkerKillTests(ProcessingFixture fixture) : IClassFixture<ProcessingFixture>
{
    [Fact]
    public async Task Killing_the_worker_process_mid_batch_loses_nothing_and_duplicates_at_most_concurrency_calls()
    {
        fixture.Claude.Calls.Reset();
        fixture.Claude.Options.MinLatency = TimeSpan.FromMilliseconds(400);
        var ids = (await fixture.PhotoIdsAsync())[..40];
        using var session = await fixture.OwnerAsync();

        // The in-process app of the fixture is the surviving replica; the killed one is a real OS process.
        await using var doomed = await AppProcess.StartAsync(fixture.Settings(new Dictionary<string, string?>
        {
            ["Database:MigrateOnStartup"] = "false",
            ["ConnectionStrings:Default"] = fixture.Database.ConnectionString,
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        using var doomedSession = doomed.CreateSession();
        using (var login = await doomedSession.LoginAsync())
        {
            await ApiSession.EnsureSuccess(login);
        }
        var batch = await StartAsync(doomedSession, new { scope = "photos", photoIds = ids });
        await fixture.Claude.Calls.WaitUntilAsync(c => c.SucceededCalls >= 6, Patience);

        doomed.Kill();
        var claimedByTheDead = await fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM jobs WHERE batch_id = @b AND status = 'Running'", ("b", batch.Id));

        var done = await WaitForAsync(session, batch.Id, b => b.Status == "completed");
        Assert.Equal(40, done.Done);
        Assert.Equal(0, done.Failed);
        var successes = fixture.Claude.Calls.Log.Where(c => c.StatusCode == 200 && c.ImageHashes.Count > 0)
            .Select(c => c.ImageHashes[0]).Distinct().Count();
        Assert.Equal(40, successes);
        var duplicates = fixture.Claude.Calls.TotalCalls - 40;
        Assert.True(duplicates <= 4, $"{duplicates} duplicated provider calls (concurrency is 4; {claimedByTheDead} jobs were held by the killed process)");
        Assert.Equal(40, await fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM photos WHERE id = ANY(@ids) AND status = 'Completed'", ("ids", ids)));
    }
}
