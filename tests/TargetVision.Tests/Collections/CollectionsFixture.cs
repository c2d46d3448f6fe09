using System.Net.Http.Json;
using System.Text.Json;
using TargetVision.Tests.SmugMug;

namespace TargetVision.Tests.Collections;

/// <summary>The fake SmugMug's small library, connected and fully synced, with helpers for collection calls.</summary>
public class CollectionsFixture : SmugMugFixture
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using var session = await OwnerSessionAsync();
        await SyncWaiter.SyncAsync(session, new { scope = "account" }, Database);
    }

    /// <summary>Library photo ids of an album's photos, in the fake's order.</summary>
    public async Task<List<int>> PhotoIdsAsync(string albumName)
    {
        var keys = Fake.Library.FindAlbumByName(albumName)!.Images.Select(i => i.ImageKey).ToList();
        var ids = new List<int>();
        foreach (var key in keys)
        {
            ids.Add(await Database.ScalarAsync<int>("SELECT id FROM photos WHERE image_key = @k", ("k", key)));
        }
        return ids;
    }

    public static async Task<JsonElement> CreateAsync(ApiSession session, string name, IEnumerable<int>? photoIds = null)
    {
        using var response = await session.PostAsync("/api/collections", new { name, photoIds = photoIds?.ToArray() });
        await ApiSession.EnsureSuccess(response);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<List<int>> OrderAsync(ApiSession session, int id)
    {
        var page = await session.GetJsonAsync($"/api/collections/{id}/photos?pageSize=200");
        return [.. page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("photoId").GetInt32())];
    }
}
