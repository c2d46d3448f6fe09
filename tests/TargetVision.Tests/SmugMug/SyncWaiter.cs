using System.Net.Http.Json;
using System.Text.Json;

namespace TargetVision.Tests.SmugMug;

/// <summary>Starts a sync through the API and waits for its batch to finish, as the UI's progress bar would.</summary>
public static class SyncWaiter
{
    public static async Task<JsonElement> SyncAsync(ApiSession session, object body, TestDatabase? database = null, TimeSpan? timeout = null)
    {
        using var response = await session.PostAsync("/api/smugmug/sync", body);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var batch = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batch");
        var id = batch.GetProperty("id").GetString();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var view = await session.GetJsonAsync($"/api/batches/{id}");
            if (view.GetProperty("status").GetString() is "completed" or "cancelled")
            {
                Assert.Equal(0, view.GetProperty("failed").GetInt32());
                return view;
            }
            if (DateTime.UtcNow > deadline)
            {
                var errors = database is null ? "" : await database.ScalarAsync<string>(
                    "SELECT string_agg(status || ' ' || attempts || ' ' || coalesce(last_error, ''), ' | ') FROM jobs");
                throw new TimeoutException($"Sync batch {id} did not finish: {view} jobs: {errors}");
            }
            await Task.Delay(100);
        }
    }
}
