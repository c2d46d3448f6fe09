using FakeAi;
using static TargetVision.Tests.Processing.ProcessingAssertions;

namespace TargetVision.Tests.Processing;

/// <summary>
/// Describe batches end to end: the real app, the fake SmugMug image host and the fake Anthropic API, counting at
/// the fake. Each test works on its own slice of the fixture's photos.
/// </summary>
public sealed class DescribeBatchTests(ProcessingFixture fixture) : IClassFixture<ProcessingFixture>
{
    private void ResetFake()
    {
        fixture.Claude.Faults.Clear();
        fixture.Claude.Options.MinLatency = TimeSpan.Zero;
        fixture.Claude.Options.MaxLatency = TimeSpan.Zero;
        fixture.Claude.Options.AcceptedApiKeys.Clear();
        fixture.Claude.Calls.Reset();
    }

    /// <summary>Successful calls per image hash: "described exactly once" means one 200 per image.</summary>
    private Dictionary<string, int> SuccessesPerImage() => fixture.Claude.Calls.Log
        .Where(c => c.StatusCode == 200 && c.ImageHashes.Count > 0)
        .GroupBy(c => c.ImageHashes[0]).ToDictionary(g => g.Key, g => g.Count());

    [Fact]
    public async Task A_batch_of_200_with_latency_and_a_429_burst_describes_every_photo_exactly_once()
    {
        ResetFake();
        fixture.Claude.Options.MinLatency = TimeSpan.FromMilliseconds(40);
        fixture.Claude.Options.MaxLatency = TimeSpan.FromMilliseconds(120);
        fixture.Claude.Faults.Enqueue(FaultKind.RateLimited, count: 12, retryAfter: TimeSpan.FromSeconds(1));
        var ids = (await fixture.PhotoIdsAsync())[..200];
        using var session = await fixture.OwnerAsync();

        var batch = await StartAsync(session, new { scope = "photos", photoIds = ids });
        var done = await WaitForAsync(session, batch.Id, b => b.Status == "completed");

        Assert.Equal(200, done.Total);
        Assert.Equal(200, done.Done);
        Assert.Equal(0, done.Failed);
        Assert.True(done.CostUsd > 0);
        var successes = SuccessesPerImage();
        Assert.Equal(200, successes.Count);
        Assert.All(successes.Values, count => Assert.Equal(1, count));
        Assert.Equal(200 + 12, fixture.Claude.Calls.TotalCalls); // each 429 was retried once, nothing else repeated
        Assert.True(fixture.Claude.Calls.MaxInFlight <= 4, $"concurrency exceeded: {fixture.Claude.Calls.MaxInFlight}");
        Assert.Equal(200, await fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM photos WHERE id = ANY(@ids) AND status = 'Completed'", ("ids", ids)));
        Assert.Equal(200, await fixture.Database.ScalarAsync<long>(
            "SELECT count(DISTINCT photo_id) FROM photo_ai_versions WHERE batch_id = @b", ("b", batch.Id)));
        // Every description queued its text embedding; they are computed locally by MiniLM.
        var deadline = DateTime.UtcNow + Patience;
        while (await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM photo_text_embeddings WHERE photo_id = ANY(@ids)", ("ids", ids)) < 200)
        {
            Assert.True(DateTime.UtcNow < deadline, "embeddings were not written");
            await Task.Delay(200);
        }
        Assert.Equal(384, await fixture.Database.ScalarAsync<int>("SELECT vector_dims(embedding) FROM photo_text_embeddings LIMIT 1"));
    }

    [Fact]
    public async Task A_replica_that_dies_mid_batch_leaves_its_work_to_another_with_at_most_concurrency_duplicate_calls()
    {
        ResetFake();
        fixture.Claude.Options.MinLatency = TimeSpan.FromMilliseconds(400);
        var ids = (await fixture.PhotoIdsAsync())[200..230];
        var doomed = fixture.CreateReplica();
        _ = doomed.Server;
        using (var doomedSession = await fixture.OwnerAsync(doomed))
        {
            var batch = await StartAsync(doomedSession, new { scope = "photos", photoIds = ids });
            await fixture.Claude.Calls.WaitUntilAsync(c => c.SucceededCalls >= 4, Patience);
            await doomed.DisposeAsync();

            using var session = await fixture.OwnerAsync();
            var done = await WaitForAsync(session, batch.Id, b => b.Status == "completed");
            Assert.Equal(30, done.Done);
        }
        var successes = SuccessesPerImage();
        Assert.Equal(30, successes.Count);
        var duplicates = fixture.Claude.Calls.TotalCalls - 30;
        Assert.True(duplicates <= 4, $"{duplicates} duplicated provider calls (concurrency is 4)");
    }

    [Fact]
    public async Task Cancel_mid_batch_starts_no_provider_call_after_it_returns_and_aborts_those_in_flight()
    {
        ResetFake();
        fixture.Claude.Options.MinLatency = TimeSpan.FromMilliseconds(1500);
        var ids = (await fixture.PhotoIdsAsync())[230..250];
        using var session = await fixture.OwnerAsync();
        var batch = await StartAsync(session, new { scope = "photos", photoIds = ids });
        await fixture.Claude.Calls.WaitUntilAsync(c => c.InFlight >= 3, Patience);

        using (var cancel = await session.PostAsync($"/api/batches/{batch.Id}/cancel", null))
        {
            await ApiSession.EnsureSuccess(cancel);
        }
        var callsAtCancel = fixture.Claude.Calls.TotalCalls;

        var view = await WaitForAsync(session, batch.Id, b => b.Done + b.Failed + b.Cancelled == b.Total);
        await Task.Delay(1500);
        Assert.Equal("cancelled", view.Status);
        Assert.Equal(callsAtCancel, fixture.Claude.Calls.TotalCalls);
        Assert.True(fixture.Claude.Calls.AbortedCalls >= 1, "in-flight requests were not cancelled");
        Assert.Equal(0, fixture.Claude.Calls.InFlight);
        // No badge stays queued or processing: dropped and interrupted photos show their stored state again.
        var deadline = DateTime.UtcNow + Patience;
        while (await fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM photos WHERE id = ANY(@ids) AND status IN ('Queued', 'Processing')", ("ids", ids)) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "photos stayed queued after cancel");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Provider_errors_become_clear_per_photo_errors_and_the_batch_completes()
    {
        ResetFake();
        var ids = (await fixture.PhotoIdsAsync())[250..253];
        using var session = await fixture.OwnerAsync();

        fixture.Claude.Options.WithKeys("sk-some-other-key");
        var badKey = await StartAsync(session, new { scope = "photos", photoIds = new[] { ids[0] } });
        var badKeyView = await WaitForAsync(session, badKey.Id, b => b.Status == "completed");
        fixture.Claude.Options.AcceptedApiKeys.Clear();
        Assert.Equal(1, badKeyView.Failed);
        Assert.Equal("Failed", await StatusOfAsync(fixture.Database, ids[0]));
        Assert.Contains("Anthropic rejected the key (401)", await ErrorOfAsync(fixture.Database, ids[0]), StringComparison.Ordinal);

        fixture.Claude.Faults.Enqueue(FaultKind.ImageTooLarge);
        var tooLarge = await StartAsync(session, new { scope = "photos", photoIds = new[] { ids[1] } });
        Assert.Equal(1, (await WaitForAsync(session, tooLarge.Id, b => b.Status == "completed")).Failed);
        Assert.Contains("Image too large for the provider", await ErrorOfAsync(fixture.Database, ids[1]), StringComparison.Ordinal);

        // Anthropic:TimeoutSeconds is 5 and Jobs:MaxAttempts 4: four hung calls exhaust the attempts.
        fixture.Claude.Faults.Enqueue(FaultKind.Hang, count: 4);
        var hung = await StartAsync(session, new { scope = "photos", photoIds = new[] { ids[2] } });
        Assert.Equal(1, (await WaitForAsync(session, hung.Id, b => b.Status == "completed")).Failed);
        Assert.Contains("timeout", await ErrorOfAsync(fixture.Database, ids[2]), StringComparison.Ordinal);
        Assert.Equal("Failed", await StatusOfAsync(fixture.Database, ids[2]));
        Assert.Equal(4, fixture.Claude.Calls.AbortedCalls);

        using var failures = await session.Client.GetAsync(new Uri($"/api/batches/{hung.Id}/failures", UriKind.Relative));
        Assert.Contains("gave up after 4 attempts", await failures.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>The photo.status events of one photo since <paramref name="after"/>, as the browser receives them.</summary>
    private async Task<string> StatusEventsAsync(int photoId, long after) =>
        await fixture.Database.ScalarAsync<string>("""
            SELECT coalesce(string_agg(data->>'status', ',' ORDER BY id), '') FROM events
            WHERE type = 'photo.status' AND (data->>'photoId')::int = @id AND id > @after
            """, ("id", photoId), ("after", after)) ?? "";

    [Fact]
    public async Task Every_status_change_is_one_photo_status_event_written_with_its_cause()
    {
        ResetFake();
        var ids = (await fixture.PhotoIdsAsync())[253..255];
        using var session = await fixture.OwnerAsync();
        var before = await fixture.Database.ScalarAsync<long>("SELECT coalesce(max(id), 0) FROM events");

        // A description: claimed with the batch, claimed by a worker, done — three changes, three events.
        var batch = await StartAsync(session, new { scope = "photos", photoIds = new[] { ids[0] } });
        Assert.Equal(1, (await WaitForAsync(session, batch.Id, b => b.Status == "completed")).Done);
        Assert.Equal("queued,processing,completed", await StatusEventsAsync(ids[0], before));
        Assert.Equal("Completed", await StatusOfAsync(fixture.Database, ids[0]));
        Assert.Equal(1, await fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM photos p JOIN photo_ai_versions v ON v.id = p.current_ai_version_id WHERE p.id = @id AND v.version = 1", ("id", ids[0])));

        // A human edit of an undescribed photo gives it a current description; deleting it takes it away again.
        using (var edit = await session.PutAsync($"/api/photos/{ids[1]}/ai", new { description = "A quiet lake.", keywords = new[] { "lake" } }))
        {
            await ApiSession.EnsureSuccess(edit);
        }
        using (var delete = await session.DeleteAsync($"/api/photos/{ids[1]}/ai"))
        {
            await ApiSession.EnsureSuccess(delete);
        }
        Assert.Equal("completed,not_processed", await StatusEventsAsync(ids[1], before));
        Assert.Equal("NotProcessed", await StatusOfAsync(fixture.Database, ids[1]));
    }
}
