using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TargetVision.Api.Features.SmugMug;

namespace TargetVision.Tests.SmugMug;

/// <summary>
/// Two albums synced (Travel/Vermont 2019 and Travel/Europe/Zürich ☕), one photo described and its thumbnail seen;
/// then SmugMug answers normally, fails, is too slow, rejects the token, or is disconnected.
/// </summary>
public sealed class OfflineLibraryFixture : SmugMugFixture
{
    public int DescribedPhotoId { get; private set; }
    public string VermontKey => Fake.Library.FindAlbumByName("Vermont 2019")!.AlbumKey;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["SmugMug:MaxRetries"] = "1",
        // Every request asks SmugMug again, so the tests do not depend on each other's order.
        ["SmugMug:BrowseRecheckSeconds"] = "0",
        ["SmugMug:BrowseTimeoutSeconds"] = "3",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using var session = await OwnerSessionAsync();
        // Browsing to the albums first, as the owner would: the folders on the way are remembered.
        var travel = await ChildAsync(session, "/api/smugmug/nodes", "Travel");
        await ChildAsync(session, $"/api/smugmug/nodes/{travel.GetProperty("nodeId").GetString()}", "Europe");
        await SyncWaiter.SyncAsync(session, new { scope = "album", albumKey = VermontKey }, Database);
        await SyncWaiter.SyncAsync(session, new { scope = "album", albumKey = Fake.Library.FindAlbumByName("Zürich ☕")!.AlbumKey }, Database);

        var page = await session.GetJsonAsync($"/api/smugmug/albums/{VermontKey}/photos");
        DescribedPhotoId = page.GetProperty("photos")[0].GetProperty("photoId").GetInt32();
        using (var edit = await session.PutAsync($"/api/photos/{DescribedPhotoId}/ai", new { description = "A red covered bridge in autumn.", keywords = new[] { "bridge" } }))
        {
            await ApiSession.EnsureSuccess(edit);
        }
        using var thumbnail = await session.Client.GetAsync(new Uri($"/api/photos/{DescribedPhotoId}/thumbnail", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
    }

    public static async Task<JsonElement> ChildAsync(ApiSession session, string path, string name) =>
        (await session.GetJsonAsync(path)).GetProperty("children").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    /// <summary>Forgets SmugMug listings (as their TTL would), keeping cached images.</summary>
    public async Task ForgetListingsAsync() => await App.Services.GetRequiredService<ListingCache>().ClearAsync(default);
}

public sealed class OfflineLibraryTests(OfflineLibraryFixture fixture) : IClassFixture<OfflineLibraryFixture>
{
    private static List<string?> Names(JsonElement listing) =>
        [.. listing.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("name").GetString())];

    [Fact]
    public async Task Reachable_listings_merge_live_smugmug_with_local_state()
    {
        await fixture.ForgetListingsAsync();
        using var session = await fixture.OwnerSessionAsync();

        var root = await session.GetJsonAsync("/api/smugmug/nodes");
        Assert.Equal("live", root.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("liveError").ValueKind);
        Assert.Equal(["Travel", "Family", "Sunsets"], Names(root));

        var travel = await session.GetJsonAsync($"/api/smugmug/nodes/{root.GetProperty("children")[0].GetProperty("nodeId").GetString()}");
        var vermont = travel.GetProperty("children").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "Vermont 2019");
        Assert.True(vermont.GetProperty("synced").GetBoolean());
        Assert.Equal(1, vermont.GetProperty("describedCount").GetInt32());
        Assert.Equal(8, vermont.GetProperty("syncedCount").GetInt32());
        var empty = travel.GetProperty("children").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "Empty Album");
        Assert.False(empty.GetProperty("synced").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, travel.GetProperty("lastSyncedAt").ValueKind);

        var page = await session.GetJsonAsync($"/api/smugmug/albums/{fixture.VermontKey}/photos");
        Assert.Equal("live", page.GetProperty("source").GetString());
        var statuses = page.GetProperty("photos").EnumerateArray().Select(p => p.GetProperty("status").GetString()).ToList();
        Assert.Equal(["completed", .. Enumerable.Repeat("not_processed", 7)], statuses);
        Assert.All(page.GetProperty("photos").EnumerateArray(), p => Assert.NotEqual(JsonValueKind.Null, p.GetProperty("thumbnailUrl").ValueKind));

        var account = await session.GetJsonAsync("/api/smugmug/account");
        Assert.Equal("reachable", account.GetProperty("reachability").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Unreachable_smugmug_answers_from_the_local_copy_with_the_reason()
    {
        await fixture.ForgetListingsAsync();
        using var session = await fixture.OwnerSessionAsync();
        fixture.Fake.Faults.FailNext(100_000, 503);
        try
        {
            var root = await session.GetJsonAsync("/api/smugmug/nodes");
            Assert.Equal("local", root.GetProperty("source").GetString());
            Assert.Equal("Unavailable", root.GetProperty("liveError").GetProperty("code").GetString());
            Assert.Contains("503", root.GetProperty("liveError").GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.NotEqual(JsonValueKind.Null, root.GetProperty("lastSyncedAt").ValueKind);
            // Only what was synced: Family and Sunsets were never synced.
            Assert.Equal(["Travel"], Names(root));

            var travelId = root.GetProperty("children")[0].GetProperty("nodeId").GetString();
            var travel = await session.GetJsonAsync($"/api/smugmug/nodes/{travelId}");
            Assert.Equal(["Europe", "Vermont 2019"], Names(travel));
            Assert.Equal(["", "Travel"], travel.GetProperty("node").GetProperty("breadcrumbs").EnumerateArray().Select(b => b.GetProperty("name").GetString()));
            var vermont = travel.GetProperty("children")[1];
            Assert.True(vermont.GetProperty("synced").GetBoolean());
            Assert.Equal(8, vermont.GetProperty("imageCount").GetInt32());
            Assert.Equal(1, vermont.GetProperty("describedCount").GetInt32());
            // The cover is the one thumbnail that was seen; it is served from the image cache.
            Assert.Equal($"/api/photos/{fixture.DescribedPhotoId}/thumbnail", vermont.GetProperty("coverUrl").GetString());
            var europe = await session.GetJsonAsync($"/api/smugmug/nodes/{travel.GetProperty("children")[0].GetProperty("nodeId").GetString()}");
            Assert.Equal(["Zürich ☕"], Names(europe));
            Assert.Equal(["", "Travel", "Europe"], europe.GetProperty("node").GetProperty("breadcrumbs").EnumerateArray().Select(b => b.GetProperty("name").GetString()));

            // The album, in pages, with status; a thumbnail URL only where the bytes are cached.
            var first = await session.GetJsonAsync($"/api/smugmug/albums/{fixture.VermontKey}/photos?limit=5");
            Assert.Equal("local", first.GetProperty("source").GetString());
            Assert.Equal("Unavailable", first.GetProperty("liveError").GetProperty("code").GetString());
            Assert.Equal(8, first.GetProperty("album").GetProperty("imageCount").GetInt32());
            Assert.True(first.GetProperty("album").GetProperty("synced").GetBoolean());
            Assert.Equal("6", first.GetProperty("nextCursor").GetString());
            var photos = first.GetProperty("photos").EnumerateArray().ToList();
            Assert.Equal(fixture.DescribedPhotoId, photos[0].GetProperty("photoId").GetInt32());
            Assert.Equal("completed", photos[0].GetProperty("status").GetString());
            Assert.Equal($"/api/photos/{fixture.DescribedPhotoId}/thumbnail", photos[0].GetProperty("thumbnailUrl").GetString());
            Assert.All(photos.Skip(1), p => Assert.Equal(JsonValueKind.Null, p.GetProperty("thumbnailUrl").ValueKind));
            var rest = await session.GetJsonAsync($"/api/smugmug/albums/{fixture.VermontKey}/photos?cursor=6");
            Assert.Equal(3, rest.GetProperty("photos").GetArrayLength());
            Assert.Equal(JsonValueKind.Null, rest.GetProperty("nextCursor").ValueKind);

            using (var thumbnail = await session.Client.GetAsync(new Uri($"/api/photos/{fixture.DescribedPhotoId}/thumbnail", UriKind.Relative)))
            {
                Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
            }
            var ai = await session.GetJsonAsync($"/api/photos/{fixture.DescribedPhotoId}/ai");
            Assert.Equal("A red covered bridge in autumn.", ai.GetProperty("current").GetProperty("description").GetString());

            // Not synced: cannot be shown, and the answer says why.
            using var sunsets = await session.Client.GetAsync(new Uri($"/api/smugmug/albums/{fixture.Fake.Library.FindAlbumByName("Sunsets")!.AlbumKey}/photos", UriKind.Relative));
            var problem = await ProblemAssert.IsProblem(sunsets, HttpStatusCode.NotFound);
            Assert.Contains("not synced", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

            var account = await session.GetJsonAsync("/api/smugmug/account");
            Assert.True(account.GetProperty("connected").GetBoolean());
            Assert.Equal("unreachable", account.GetProperty("reachability").GetProperty("state").GetString());
        }
        finally
        {
            fixture.Fake.Faults.Clear();
        }
    }

    [Fact]
    public async Task A_smugmug_slower_than_the_browse_budget_is_treated_as_unreachable()
    {
        await fixture.ForgetListingsAsync();
        using var session = await fixture.OwnerSessionAsync();
        fixture.Fake.Faults.Latency = TimeSpan.FromSeconds(20);
        try
        {
            var started = DateTime.UtcNow;
            var page = await session.GetJsonAsync($"/api/smugmug/albums/{fixture.VermontKey}/photos");
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15), "the listing waited for SmugMug past its budget");
            Assert.Equal("local", page.GetProperty("source").GetString());
            Assert.Contains("did not answer within 3 s", page.GetProperty("liveError").GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal(8, page.GetProperty("photos").GetArrayLength());
        }
        finally
        {
            fixture.Fake.Faults.Latency = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task A_revoked_token_answers_from_the_local_copy_and_the_account_says_rejected()
    {
        await fixture.ForgetListingsAsync();
        using var session = await fixture.OwnerSessionAsync();
        fixture.Fake.Tokens.RevokeAll();
        try
        {
            var root = await session.GetJsonAsync("/api/smugmug/nodes");
            Assert.Equal("local", root.GetProperty("source").GetString());
            Assert.Equal("Unauthorized", root.GetProperty("liveError").GetProperty("code").GetString());
            Assert.Equal(["Travel"], Names(root));
            var page = await session.GetJsonAsync($"/api/smugmug/albums/{fixture.VermontKey}/photos");
            Assert.Equal(8, page.GetProperty("photos").GetArrayLength());

            var account = await session.GetJsonAsync("/api/smugmug/account");
            Assert.Equal("rejected", account.GetProperty("reachability").GetProperty("state").GetString());
            Assert.Contains("Reconnect", account.GetProperty("reachability").GetProperty("message").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await fixture.Smug.ConnectAsync(fixture.App.Services);
        }
    }

    [Fact]
    public async Task Not_connected_shows_the_synced_albums_from_the_local_copy()
    {
        using var session = await fixture.OwnerSessionAsync();
        using (var disconnect = await session.DeleteAsync("/api/smugmug/account"))
        {
            Assert.Equal(HttpStatusCode.NoContent, disconnect.StatusCode);
        }
        try
        {
            var root = await session.GetJsonAsync("/api/smugmug/nodes");
            Assert.Equal("local", root.GetProperty("source").GetString());
            Assert.Equal("NotConnected", root.GetProperty("liveError").GetProperty("code").GetString());
            Assert.Equal(["Travel"], Names(root));
            var travel = await session.GetJsonAsync($"/api/smugmug/nodes/{root.GetProperty("children")[0].GetProperty("nodeId").GetString()}");
            Assert.Equal(["Europe", "Vermont 2019"], Names(travel));

            var page = await session.GetJsonAsync($"/api/smugmug/albums/{fixture.VermontKey}/photos");
            Assert.Equal("NotConnected", page.GetProperty("liveError").GetProperty("code").GetString());
            Assert.Equal("completed", page.GetProperty("photos")[0].GetProperty("status").GetString());
            var detail = await session.GetJsonAsync($"/api/photos/{fixture.DescribedPhotoId}");
            Assert.Equal("Vermont 2019", detail.GetProperty("albumName").GetString());

            // An album node (the album page's breadcrumbs) resolves too.
            var albumNode = await session.GetJsonAsync($"/api/smugmug/nodes/{page.GetProperty("album").GetProperty("nodeId").GetString()}");
            Assert.Equal("album", albumNode.GetProperty("node").GetProperty("type").GetString());
            Assert.Equal(["", "Travel", "Vermont 2019"], albumNode.GetProperty("node").GetProperty("breadcrumbs").EnumerateArray().Select(b => b.GetProperty("name").GetString()));

            var account = await session.GetJsonAsync("/api/smugmug/account");
            Assert.False(account.GetProperty("connected").GetBoolean());
        }
        finally
        {
            await fixture.Smug.ConnectAsync(fixture.App.Services);
        }
    }
}
