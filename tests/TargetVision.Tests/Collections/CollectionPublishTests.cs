using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TargetVision.Api.Features.Collections;
using TargetVision.Api.Features.SmugMug;
using TargetVision.Api.Integrations.SmugMug;

namespace TargetVision.Tests.Collections;

/// <summary>Publishing to the fake SmugMug: album creation, collect-images in chunks, resume without duplicates, permissions.</summary>
public class CollectionPublishTests(CollectionsFixture fixture) : IClassFixture<CollectionsFixture>
{
    private async Task<JsonElement> PublishAsync(ApiSession session, int id, object body)
    {
        using var response = await session.PostAsync($"/api/collections/{id}/publish", body);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batch");
    }

    private static async Task<JsonElement> WaitAsync(ApiSession session, JsonElement batch)
    {
        var id = batch.GetProperty("id").GetString();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var view = await session.GetJsonAsync($"/api/batches/{id}");
            if (view.GetProperty("status").GetString() is "completed" or "cancelled")
            {
                return view;
            }
            Assert.True(DateTime.UtcNow < deadline, $"publish batch did not finish: {view}");
            await Task.Delay(100);
        }
    }

    private async Task<List<int>> AllPhotoIdsAsync() =>
        [.. await fixture.PhotoIdsAsync("Vermont 2019"), .. await fixture.PhotoIdsAsync("Sunsets"), .. await fixture.PhotoIdsAsync("Zürich ☕"), .. await fixture.PhotoIdsAsync("Private Moments")];

    private async Task<List<string>> KeysAsync(IEnumerable<int> ids)
    {
        var keys = new List<string>();
        foreach (var id in ids)
        {
            keys.Add((await fixture.Database.ScalarAsync<string>($"SELECT image_key FROM photos WHERE id = {id}"))!);
        }
        return keys;
    }

    [Fact]
    public async Task Publish_creates_the_album_collects_in_chunks_and_resumes_without_collecting_twice()
    {
        using var session = await fixture.OwnerSessionAsync();
        var ids = await AllPhotoIdsAsync();
        Assert.True(ids.Count > CollectionPublisher.ChunkSize);
        var c = await CollectionsFixture.CreateAsync(session, "Client picks: barns", ids);
        var id = c.GetProperty("id").GetInt32();
        var travel = fixture.Fake.Library.FindFolderByName("Travel")!;
        fixture.Fake.Requests.Reset();

        var collectPath = "/api/v2/album/";
        var batch = await PublishAsync(session, id, new { folderNodeId = travel.NodeId, name = "Barns for the client", privacy = "unlisted" });
        var view = await session.GetJsonAsync($"/api/collections/{id}");
        Assert.Equal(batch.GetProperty("id").GetString(), view.GetProperty("publishBatchId").GetString());
        var done = await WaitAsync(session, batch);
        Assert.Equal(0, done.GetProperty("failed").GetInt32());
        Assert.Equal(1 + ((ids.Count + CollectionPublisher.ChunkSize - 1) / CollectionPublisher.ChunkSize), done.GetProperty("total").GetInt32());

        var album = travel.Children.OfType<FakeSmugMug.Model.FakeAlbum>().Single(a => a.Name == "Barns for the client");
        Assert.Equal(FakeSmugMug.Model.Privacy.Unlisted, album.Privacy);
        Assert.Equal(await KeysAsync(ids), album.Collected.Select(i => i.ImageKey).ToList());
        Assert.Equal(1, fixture.Fake.Requests["POST /api/v2/folder/user/{nick}/{path}!albums"]);
        view = await session.GetJsonAsync($"/api/collections/{id}");
        Assert.Equal(album.AlbumKey, view.GetProperty("smugMug").GetProperty("albumKey").GetString());
        Assert.Contains(album.UrlName, view.GetProperty("smugMug").GetProperty("webUri").GetString(), StringComparison.Ordinal);

        // A collect whose answer was lost (SmugMug has the photo, the app did not record it), two new photos, and the
        // next collect fails: retrying the failed job puts everything in the album exactly once.
        await fixture.Database.ExecuteAsync($"UPDATE collection_members SET collected_album_key = NULL WHERE collection_id = {id} AND photo_id = {ids[0]}");
        fixture.Fake.Library.AddImage(fixture.Fake.Library.FindAlbumByName("Sunsets")!, "Extra one.jpg");
        fixture.Fake.Library.AddImage(fixture.Fake.Library.FindAlbumByName("Sunsets")!, "Extra two.jpg");
        await SmugMug.SyncWaiter.SyncAsync(session, new { scope = "album", albumKey = fixture.Fake.Library.FindAlbumByName("Sunsets")!.AlbumKey }, fixture.Database);
        var added = (await fixture.PhotoIdsAsync("Sunsets")).Except(ids).ToList();
        Assert.Equal(2, added.Count);
        await ApiSession.EnsureSuccess(await session.PostAsync($"/api/collections/{id}/photos", new { photoIds = added }));

        fixture.Fake.Faults.FailNext(1, 400, collectPath + album.AlbumKey + "!collectimages");
        var second = await WaitAsync(session, await PublishAsync(session, id, new { }));
        Assert.Equal(1, second.GetProperty("failed").GetInt32());
        Assert.Equal(ids.Count, album.Collected.Count);

        using var retry = await session.PostAsync($"/api/batches/{second.GetProperty("id").GetString()}/retry-failed", null);
        await ApiSession.EnsureSuccess(retry);
        var resumed = await WaitAsync(session, second);
        Assert.Equal(0, resumed.GetProperty("failed").GetInt32());
        var expected = await KeysAsync([.. ids, .. added]);
        Assert.Equal(expected.Order(), album.Collected.Select(i => i.ImageKey).Order());
        Assert.Equal(1, fixture.Fake.Requests["POST /api/v2/folder/user/{nick}/{path}!albums"]);

        // Publishing again with nothing new collects nothing.
        var third = await WaitAsync(session, await PublishAsync(session, id, new { }));
        Assert.Equal(0, third.GetProperty("failed").GetInt32());
        Assert.Equal(expected.Count, album.Collected.Count);

        // SmugMug lists the collected images in the new album under their own ImageKeys. Syncing that album (as a
        // whole-account sync does) records it but leaves every photo in its home album.
        var everyId = string.Join(',', ids.Concat(added));
        var homes = $"SELECT string_agg(id || ':' || album_id || ':' || (deleted_at IS NULL), ',' ORDER BY id) FROM photos WHERE id IN ({everyId})";
        var before = await fixture.Database.ScalarAsync<string>(homes);
        await SmugMug.SyncWaiter.SyncAsync(session, new { scope = "album", albumKey = album.AlbumKey }, fixture.Database);
        Assert.Equal(before, await fixture.Database.ScalarAsync<string>(homes));
        Assert.Equal(1, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM albums WHERE album_key = '{album.AlbumKey}' AND synced_at IS NOT NULL"));
        Assert.Equal(0, await fixture.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM photos p JOIN albums a ON a.id = p.album_id WHERE a.album_key = '{album.AlbumKey}'"));
        // A home album synced afterwards still lists its photos: nothing moves back and forth.
        await SmugMug.SyncWaiter.SyncAsync(session, new { scope = "album", albumKey = fixture.Fake.Library.FindAlbumByName("Sunsets")!.AlbumKey }, fixture.Database);
        Assert.Equal(before, await fixture.Database.ScalarAsync<string>(homes));
    }

    [Fact]
    public async Task Publishing_needs_the_modify_permission()
    {
        using var session = await fixture.OwnerSessionAsync();
        var ids = await fixture.PhotoIdsAsync("Zürich ☕");
        var c = await CollectionsFixture.CreateAsync(session, "Permission check", ids);
        var id = c.GetProperty("id").GetInt32();

        await ProblemAssert.IsProblem(await session.PostAsync($"/api/collections/{id}/publish", new { privacy = "secret" }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsValidationProblem(await session.PostAsync($"/api/collections/{id}/publish", new { name = "" }), "name");
        await ProblemAssert.IsProblem(await session.PostAsync("/api/collections/987654/publish", new { }), HttpStatusCode.NotFound);
        var empty = await CollectionsFixture.CreateAsync(session, "Nothing yet");
        await ProblemAssert.IsProblem(await session.PostAsync($"/api/collections/{empty.GetProperty("id").GetInt32()}/publish", new { }), HttpStatusCode.Conflict);

        // The connection asked for Read only: the app refuses before calling SmugMug and says how to fix it.
        await fixture.Database.ExecuteAsync("UPDATE smugmug_accounts SET permissions = 'Read'");
        var refused = await ProblemAssert.IsProblem(await session.PostAsync($"/api/collections/{id}/publish", new { }), HttpStatusCode.Forbidden);
        Assert.Contains("Modify", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // SmugMug itself refuses a token granted less than asked: the job fails with SmugMug's permission error.
        var token = fixture.Fake.IssueAccessToken(FakeSmugMug.OAuth.AccessLevel.Full, FakeSmugMug.OAuth.PermissionLevel.Read);
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SmugMugAccountStore>().SaveConnectionAsync(new OAuthToken(token.Token, token.Secret), "Modify", default);
        }
        try
        {
            var failed = await WaitAsync(session, await PublishAsync(session, id, new { }));
            Assert.Equal(1, failed.GetProperty("failed").GetInt32());
            var error = await fixture.Database.ScalarAsync<string>("SELECT last_error FROM jobs WHERE kind = 'collections.publish' AND status = 'Failed'");
            Assert.Contains("Permission", error, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(JsonValueKind.Null, (await session.GetJsonAsync($"/api/collections/{id}")).GetProperty("smugMug").ValueKind);
        }
        finally
        {
            await fixture.Smug.ConnectAsync(fixture.App.Services);
        }
    }
}
