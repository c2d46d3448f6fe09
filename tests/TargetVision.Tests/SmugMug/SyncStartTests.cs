using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TargetVision.Tests.SmugMug;

/// <summary>
/// Starting a sync answers before the tree is walked (the walk is a job of the same batch), and every album reports
/// exactly the SmugMug requests it made although albums sync concurrently.
/// </summary>
public sealed class SyncStartTests(SmugMugFixture fixture) : IClassFixture<SmugMugFixture>
{
    [Fact]
    public async Task Account_sync_returns_with_only_the_expansion_job_and_per_album_request_counts_add_up()
    {
        using var session = await fixture.OwnerSessionAsync();
        var lib = fixture.Fake.Library;
        var albums = lib.Albums().Count(a => !a.IsSystemAlbum);
        var lastEvent = await fixture.Database.ScalarAsync<long>("SELECT coalesce(max(id), 0) FROM events");
        fixture.Fake.Requests.Reset();

        using var response = await session.PostAsync("/api/smugmug/sync", new { scope = "account" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var started = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batch");
        // The POST looked up the root node and nothing else: no folder listing happened inside the request.
        Assert.Equal(1, started.GetProperty("total").GetInt32());
        var id = started.GetProperty("id").GetGuid();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        JsonElement view;
        while ((view = await session.GetJsonAsync($"/api/batches/{id}")).GetProperty("status").GetString() != "completed")
        {
            Assert.True(DateTime.UtcNow < deadline, $"the sync batch did not finish: {view}");
            await Task.Delay(100);
        }
        // The expansion added one job per album to the same batch.
        Assert.Equal(albums + 1, view.GetProperty("total").GetInt32());
        Assert.Equal(albums + 1, view.GetProperty("done").GetInt32());

        // Every request except the POST's node look-up and the expansion's folder listings was made by some album
        // job, and each album job counted only its own although up to 16 ran at once.
        var byAlbums = await fixture.Database.ScalarAsync<long>(
            "SELECT coalesce(sum((data->>'requests')::int), 0) FROM events WHERE type = 'sync.album' AND id > @last", ("last", lastEvent));
        var outsideAlbums = fixture.Fake.Requests.Matching("!parents") + fixture.Fake.Requests.Matching("!children");
        Assert.Equal(albums, await fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM events WHERE type = 'sync.album' AND id > @last", ("last", lastEvent)));
        Assert.Equal(fixture.Fake.Requests.Total - outsideAlbums, byAlbums);
    }
}
