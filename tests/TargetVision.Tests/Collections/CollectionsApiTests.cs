using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TargetVision.Tests.SmugMug;

namespace TargetVision.Tests.Collections;

/// <summary>Integrity of collections through the API: names, membership, order, cover fallback, bad input.</summary>
public class CollectionsApiTests(CollectionsFixture fixture) : IClassFixture<CollectionsFixture>
{
    private static int Id(JsonElement c) => c.GetProperty("id").GetInt32();

    private Task<long> CollectionCountAsync() => fixture.Database.ScalarAsync<long>("SELECT count(*) FROM collections")!;

    [Fact]
    public async Task Names_are_unique_ignoring_case_and_bad_input_writes_nothing()
    {
        using var session = await fixture.OwnerSessionAsync();
        var created = await CollectionsFixture.CreateAsync(session, "Barn picks");
        Assert.Equal("Barn picks", created.GetProperty("name").GetString());

        var before = await CollectionCountAsync();
        await ProblemAssert.IsProblem(await session.PostAsync("/api/collections", new { name = "  BARN PICKS " }), HttpStatusCode.Conflict);
        await ProblemAssert.IsValidationProblem(await session.PostAsync("/api/collections", new { name = "" }), "name");
        await ProblemAssert.IsValidationProblem(await session.PostAsync("/api/collections", new { name = new string('x', 200) }), "name");
        await ProblemAssert.IsValidationProblem(await session.PostAsync("/api/collections", new { name = "Tabs\there" }), "name");
        var unknown = await ProblemAssert.IsProblem(await session.PostAsync("/api/collections", new { name = "Has unknown", photoIds = new[] { 999_999 } }), HttpStatusCode.NotFound);
        Assert.Equal(999_999, unknown.GetProperty("photoIds")[0].GetInt32());
        using var malformed = new StringContent("{\"name\": 5", System.Text.Encoding.UTF8, "application/json");
        await ProblemAssert.IsProblem(await session.Client.PostAsync("/api/collections", malformed), HttpStatusCode.BadRequest);
        Assert.Equal(before, await CollectionCountAsync());

        // Renaming onto another collection's name is refused too; renaming to a case variant of its own name is not.
        var other = await CollectionsFixture.CreateAsync(session, "Other picks");
        await ProblemAssert.IsProblem(await session.Client.PatchAsJsonAsync($"/api/collections/{Id(other)}", new { name = "barn PICKS" }), HttpStatusCode.Conflict);
        using var renamed = await session.Client.PatchAsJsonAsync($"/api/collections/{Id(created)}", new { name = "BARN picks", description = "For the client" });
        var view = await renamed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("BARN picks", view.GetProperty("name").GetString());
        Assert.Equal("For the client", view.GetProperty("description").GetString());
        await ProblemAssert.IsProblem(await session.Client.PatchAsJsonAsync("/api/collections/987654", new { name = "x" }), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await session.Client.PatchAsJsonAsync($"/api/collections/{Id(other)}", new { orderMode = "sideways" }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Bulk_add_is_idempotent_and_unknown_ids_add_nothing()
    {
        using var session = await fixture.OwnerSessionAsync();
        var ids = await fixture.PhotoIdsAsync("Vermont 2019");
        var c = await CollectionsFixture.CreateAsync(session, "Idempotent");
        using var first = await session.PostAsync($"/api/collections/{Id(c)}/photos", new { photoIds = ids.Take(4).Concat(ids.Take(2)) });
        var change = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(4, change.GetProperty("changed").GetInt32());
        using var second = await session.PostAsync($"/api/collections/{Id(c)}/photos", new { photoIds = ids.Take(5) });
        change = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, change.GetProperty("changed").GetInt32());
        Assert.Equal(5, change.GetProperty("photoCount").GetInt32());
        Assert.Equal(5L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM collection_members WHERE collection_id = {Id(c)}"));
        Assert.Equal(ids.Take(5), await CollectionsFixture.OrderAsync(session, Id(c)));

        await ProblemAssert.IsProblem(await session.PostAsync($"/api/collections/{Id(c)}/photos", new { photoIds = new[] { ids[5], 999_999 } }), HttpStatusCode.NotFound);
        Assert.Equal(5L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM collection_members WHERE collection_id = {Id(c)}"));
        await ProblemAssert.IsValidationProblem(await session.PostAsync($"/api/collections/{Id(c)}/photos", new { photoIds = Array.Empty<int>() }), "photoIds");
        await ProblemAssert.IsValidationProblem(await session.PostAsync($"/api/collections/{Id(c)}/photos", new { }), "photoIds");
        await ProblemAssert.IsProblem(await session.PostAsync("/api/collections/987654/photos", new { photoIds = new[] { ids[0] } }), HttpStatusCode.NotFound);

        using var removed = await session.PostAsync($"/api/collections/{Id(c)}/photos/remove", new { photoIds = new[] { ids[0], ids[0], 999_999 } });
        Assert.Equal(1, (await removed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changed").GetInt32());

        var membership = await session.GetJsonAsync($"/api/collections/membership?photoIds={ids[0]},{ids[1]}");
        Assert.Empty(membership.GetProperty("items")[0].GetProperty("collectionIds").EnumerateArray());
        Assert.Contains(membership.GetProperty("items")[1].GetProperty("collectionIds").EnumerateArray(), x => x.GetInt32() == Id(c));
        var members = await session.GetJsonAsync("/api/collections/members");
        Assert.Contains(members.GetProperty("photoIds").EnumerateArray(), x => x.GetInt32() == ids[1]);
        Assert.DoesNotContain(members.GetProperty("photoIds").EnumerateArray(), x => x.GetInt32() == ids[0]);
        await ProblemAssert.IsValidationProblem(await session.Client.GetAsync("/api/collections/membership?photoIds=1,abc"), "photoIds");

        // Deleting the collection keeps the photos.
        Assert.Equal(HttpStatusCode.NoContent, (await session.DeleteAsync($"/api/collections/{Id(c)}")).StatusCode);
        Assert.Equal(ids.Count, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM photos WHERE id = ANY(ARRAY[{string.Join(',', ids)}])"));
        Assert.Equal(HttpStatusCode.NotFound, (await session.DeleteAsync($"/api/collections/{Id(c)}")).StatusCode);
    }

    [Fact]
    public async Task Orders_by_added_capture_date_title_and_manual_positions()
    {
        using var session = await fixture.OwnerSessionAsync();
        var ids = await fixture.PhotoIdsAsync("Sunsets");
        var picked = new[] { ids[3], ids[0], ids[7], ids[1] };
        var c = await CollectionsFixture.CreateAsync(session, "Ordering", picked);
        Assert.Equal(picked, await CollectionsFixture.OrderAsync(session, Id(c)));

        await fixture.Database.ExecuteAsync($"""
            UPDATE photos SET captured_at = '2020-01-01'::timestamptz + (id % 5) * interval '1 day', title = 'T' || (100 - id) WHERE id = ANY(ARRAY[{string.Join(',', picked)}])
            """);
        async Task<List<int>> SortedBy(string mode)
        {
            using var r = await session.Client.PatchAsJsonAsync($"/api/collections/{Id(c)}", new { orderMode = mode });
            await ApiSession.EnsureSuccess(r);
            return await CollectionsFixture.OrderAsync(session, Id(c));
        }
        Assert.Equal(picked.OrderBy(i => i % 5).ThenBy(i => i), await SortedBy("captured"));
        Assert.Equal(picked.OrderBy(i => ("T" + (100 - i)).ToLowerInvariant(), StringComparer.Ordinal).ThenBy(i => i), await SortedBy("title"));

        var manual = new[] { ids[7], ids[1], ids[3], ids[0] };
        Assert.Equal(HttpStatusCode.NoContent, (await session.PutAsync($"/api/collections/{Id(c)}/order", new { photoIds = manual })).StatusCode);
        Assert.Equal(manual, await CollectionsFixture.OrderAsync(session, Id(c)));
        Assert.Equal("manual", (await session.GetJsonAsync($"/api/collections/{Id(c)}")).GetProperty("orderMode").GetString());
        await ProblemAssert.IsProblem(await session.PutAsync($"/api/collections/{Id(c)}/order", new { photoIds = manual.Take(3) }), HttpStatusCode.Conflict);
        await ProblemAssert.IsValidationProblem(await session.PutAsync($"/api/collections/{Id(c)}/order", new { photoIds = new[] { ids[7], ids[7], ids[3], ids[0] } }), "photoIds");
        Assert.Equal(manual, await CollectionsFixture.OrderAsync(session, Id(c)));

        // New photos go to the end of a manual order.
        await ApiSession.EnsureSuccess(await session.PostAsync($"/api/collections/{Id(c)}/photos", new { photoIds = new[] { ids[9] } }));
        Assert.Equal([.. manual, ids[9]], await CollectionsFixture.OrderAsync(session, Id(c)));
        Assert.Equal([.. picked, ids[9]], await SortedBy("added"));
    }

    [Fact]
    public async Task Cover_falls_back_to_the_first_photo_when_it_leaves_or_disappears_from_SmugMug()
    {
        using var session = await fixture.OwnerSessionAsync();
        var zurich = fixture.Fake.Library.FindAlbumByName("Zürich ☕")!;
        var ids = await fixture.PhotoIdsAsync("Zürich ☕");
        var c = await CollectionsFixture.CreateAsync(session, "Covers", ids.Take(4));
        Assert.Equal(ids[0], c.GetProperty("coverPhotoId").GetInt32());
        Assert.False(c.GetProperty("coverChosen").GetBoolean());

        await ProblemAssert.IsProblem(await session.Client.PatchAsJsonAsync($"/api/collections/{Id(c)}", new { coverPhotoId = ids[5] }), HttpStatusCode.NotFound);
        async Task<JsonElement> SetCover(int photoId)
        {
            using var r = await session.Client.PatchAsJsonAsync($"/api/collections/{Id(c)}", new { coverPhotoId = photoId });
            await ApiSession.EnsureSuccess(r);
            return await r.Content.ReadFromJsonAsync<JsonElement>();
        }
        var view = await SetCover(ids[2]);
        Assert.Equal(ids[2], view.GetProperty("coverPhotoId").GetInt32());
        Assert.True(view.GetProperty("coverChosen").GetBoolean());

        // The cover leaves the collection: the database clears the choice, no foreign-key error, first photo shown.
        using var removed = await session.PostAsync($"/api/collections/{Id(c)}/photos/remove", new { photoIds = new[] { ids[2] } });
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(ids[0], (await removed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("coverPhotoId").GetInt32());
        Assert.Null(await fixture.Database.ScalarAsync<int?>($"SELECT cover_photo_id FROM collections WHERE id = {Id(c)}"));

        // The cover is deleted on SmugMug and the album synced again: it stays listed as removed, the cover falls back.
        await SetCover(ids[3]);
        var gone = zurich.Images.Single(i => i.ImageKey == fixture.Database.ScalarAsync<string>($"SELECT image_key FROM photos WHERE id = {ids[3]}").Result);
        fixture.Fake.Library.DeleteImage(gone);
        await SyncWaiter.SyncAsync(session, new { scope = "album", albumKey = zurich.AlbumKey }, fixture.Database);
        view = await session.GetJsonAsync($"/api/collections/{Id(c)}");
        Assert.Equal(ids[0], view.GetProperty("coverPhotoId").GetInt32());
        Assert.Equal(3, view.GetProperty("photoCount").GetInt32());
        Assert.Equal(1, view.GetProperty("removedCount").GetInt32());
        var photos = (await session.GetJsonAsync($"/api/collections/{Id(c)}/photos")).GetProperty("items").EnumerateArray().ToList();
        Assert.True(photos.Single(p => p.GetProperty("photoId").GetInt32() == ids[3]).GetProperty("removedOnSmugMug").GetBoolean());
        Assert.False(photos.Single(p => p.GetProperty("photoId").GetInt32() == ids[0]).GetProperty("removedOnSmugMug").GetBoolean());
        await ProblemAssert.IsProblem(await session.Client.PatchAsJsonAsync($"/api/collections/{Id(c)}", new { coverPhotoId = ids[3] }), HttpStatusCode.NotFound);

        // Dropping the removed photo is an ordinary remove.
        using var dropped = await session.PostAsync($"/api/collections/{Id(c)}/photos/remove", new { photoIds = new[] { ids[3] } });
        Assert.Equal(2, (await dropped.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("photoCount").GetInt32());

        // Deleting a collection whose cover is set works (the member rows and the cover key go together).
        await SetCover(ids[1]);
        Assert.Equal(HttpStatusCode.NoContent, (await session.DeleteAsync($"/api/collections/{Id(c)}")).StatusCode);
    }

    [Fact]
    public async Task List_shows_count_cover_and_last_change()
    {
        using var session = await fixture.OwnerSessionAsync();
        var ids = await fixture.PhotoIdsAsync("Vermont 2019");
        var c = await CollectionsFixture.CreateAsync(session, "Listed", ids.Skip(2).Take(3));
        var list = (await session.GetJsonAsync("/api/collections")).EnumerateArray().ToList();
        var mine = list.Single(x => Id(x) == Id(c));
        Assert.Equal(3, mine.GetProperty("photoCount").GetInt32());
        Assert.Equal($"/api/photos/{ids[2]}/thumbnail", mine.GetProperty("coverThumbnailUrl").GetString());
        Assert.True(mine.GetProperty("updatedAt").GetDateTimeOffset() >= mine.GetProperty("createdAt").GetDateTimeOffset());
    }
}
