using System.Net;
using TargetVision.Tests.SmugMug;

namespace TargetVision.Tests.Security;

/// <summary>Issue 15 items 3, 5, 6 and 11 against the fake SmugMug (one class: the scenario syncs once).</summary>
public sealed class HostileSmugMugTests(HostileSmugMugFixture fixture) : IClassFixture<HostileSmugMugFixture>
{
    private async Task SyncOnceAsync(ApiSession session)
    {
        if (await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM albums WHERE album_key = @k", ("k", fixture.HostileAlbumKey)) == 0)
        {
            await SyncWaiter.SyncAsync(session, new { scope = "album", albumKey = fixture.HostileAlbumKey }, fixture.Database);
        }
    }

    [Fact]
    public async Task Item3_sync_succeeds_with_a_nul_in_an_album_title_and_stores_the_text_without_control_characters()
    {
        using var session = await fixture.OwnerSessionAsync();
        await SyncOnceAsync(session);

        Assert.Equal("Vermont 2019", await fixture.Database.ScalarAsync<string>("SELECT name FROM albums WHERE album_key = @k", ("k", fixture.HostileAlbumKey)));
        Assert.Equal("Red barn", await fixture.Database.ScalarAsync<string>("SELECT title FROM photos WHERE image_key = @k", ("k", fixture.HostileImageKey)));
        // Line breaks are text in a caption; NUL and ESC are not.
        Assert.Equal("Line one\nline two", await fixture.Database.ScalarAsync<string>("SELECT caption FROM photos WHERE image_key = @k", ("k", fixture.HostileImageKey)));
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM photos WHERE image_key = @k AND 'foliage' = ANY(keywords)", ("k", fixture.HostileImageKey)));
        var errors = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE status <> 'Succeeded'");
        Assert.Equal(0L, errors);
    }

    [Fact]
    public async Task Item6_javascript_links_from_smugmug_are_dropped_when_mapping()
    {
        using var session = await fixture.OwnerSessionAsync();
        await SyncOnceAsync(session);

        Assert.Null(await fixture.Database.ScalarAsync<string>("SELECT web_uri FROM albums WHERE album_key = @k", ("k", fixture.HostileAlbumKey)));
        Assert.Null(await fixture.Database.ScalarAsync<string>("SELECT web_uri FROM photos WHERE image_key = @k", ("k", fixture.HostileImageKey)));
        // Other photos keep their real http(s) link.
        var other = await fixture.Database.ScalarAsync<string>(
            "SELECT web_uri FROM photos WHERE album_id = (SELECT id FROM albums WHERE album_key = @k) AND image_key <> @i ORDER BY id LIMIT 1",
            ("k", fixture.HostileAlbumKey), ("i", fixture.HostileImageKey));
        Assert.StartsWith("http", other, StringComparison.Ordinal);

        // The live listing (not only the database) carries no javascript: link either.
        var root = await session.GetJsonAsync("/api/smugmug/nodes?recheck=true");
        var travel = root.GetProperty("children").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "Travel");
        var listing = await session.GetJsonAsync($"/api/smugmug/nodes/{travel.GetProperty("nodeId").GetString()}");
        var album = listing.GetProperty("children").EnumerateArray().Single(c => c.GetProperty("albumKey").GetString() == fixture.HostileAlbumKey);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, album.GetProperty("webUri").ValueKind);
    }

    [Fact]
    public async Task Item5_an_svg_from_the_photo_host_is_refused_and_images_are_sandboxed()
    {
        using var session = await fixture.OwnerSessionAsync();
        await SyncOnceAsync(session);

        // Unsynced route and synced route alike: a problem, never the SVG bytes.
        using (var unsynced = await session.Client.GetAsync(new Uri($"/api/smugmug/images/{fixture.SvgImageKey}/thumbnail", UriKind.Relative)))
        {
            var body = await unsynced.Content.ReadAsStringAsync();
            Assert.DoesNotContain("<svg", body, StringComparison.OrdinalIgnoreCase);
            await ProblemAssert.IsProblem(unsynced, HttpStatusCode.BadGateway);
        }
        var svgPhotoId = await fixture.Database.ScalarAsync<int>("SELECT id FROM photos WHERE image_key = @k", ("k", fixture.SvgImageKey));
        foreach (var path in new[] { $"/api/photos/{svgPhotoId}/thumbnail", $"/api/photos/{svgPhotoId}/image?size=largest", $"/api/photos/{svgPhotoId}/original" })
        {
            using var response = await session.Client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.DoesNotContain("<svg", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
            Assert.NotEqual("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
            Assert.True((int)response.StatusCode >= 400, $"{path} answered {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        // A real JPEG is served, with the sandbox and nosniff headers.
        var jpegId = await fixture.Database.ScalarAsync<int>("SELECT id FROM photos WHERE image_key = @k", ("k", fixture.HostileImageKey));
        using var jpeg = await session.Client.GetAsync(new Uri($"/api/photos/{jpegId}/thumbnail", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, jpeg.StatusCode);
        Assert.Equal("image/jpeg", jpeg.Content.Headers.ContentType?.MediaType);
        Assert.Equal("sandbox", string.Join(",", jpeg.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", string.Join(",", jpeg.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Item11_after_smugmug_revokes_the_token_the_account_says_reconnect_until_reconnected()
    {
        using var session = await fixture.OwnerSessionAsync();
        var before = await session.GetJsonAsync("/api/smugmug/account");
        Assert.True(before.GetProperty("connected").GetBoolean());
        Assert.False(before.GetProperty("needsReconnect").GetBoolean());

        fixture.Fake.Tokens.RevokeAll();
        try
        {
            // Any call that meets the 401 is enough: here browsing (past the listing cache), which falls back to the local copy.
            using (var clear = await session.PostAsync("/api/cache/clear", null))
            {
                Assert.Equal(HttpStatusCode.NoContent, clear.StatusCode);
            }
            var root = await session.GetJsonAsync("/api/smugmug/nodes?recheck=true");
            Assert.Equal("Unauthorized", root.GetProperty("liveError").GetProperty("code").GetString());

            var account = await session.GetJsonAsync("/api/smugmug/account");
            Assert.False(account.GetProperty("connected").GetBoolean());
            Assert.True(account.GetProperty("needsReconnect").GetBoolean());
            Assert.Contains("Reconnect", account.GetProperty("reconnectReason").GetString(), StringComparison.Ordinal);
            Assert.False(account.GetProperty("canModify").GetBoolean());
            Assert.True(await fixture.Database.ScalarAsync<bool>("SELECT auth_failed_at IS NOT NULL FROM smugmug_accounts"));

            // Sync answers the same "Reconnect" without asking SmugMug again.
            using var sync = await session.PostAsync("/api/smugmug/sync", new { scope = "account" });
            var problem = await ProblemAssert.IsProblem(sync, HttpStatusCode.Conflict);
            Assert.Equal("Reconnect SmugMug", problem.GetProperty("title").GetString());
        }
        finally
        {
            await fixture.Smug.ConnectAsync(fixture.App.Services);
        }
        var after = await session.GetJsonAsync("/api/smugmug/account");
        Assert.True(after.GetProperty("connected").GetBoolean());
        Assert.False(after.GetProperty("needsReconnect").GetBoolean());
    }
}
