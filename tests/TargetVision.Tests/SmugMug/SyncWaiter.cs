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
                if (view.GetProperty("failed").GetInt32() != 0)
                {
                    Assert.Fail($"Sync batch {id} had failures: {await JobErrorsAsync(database)}");
                }
                return view;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Sync batch {id} did not finish: {view} jobs: {await JobErrorsAsync(database)}");
            }
            await Task.Delay(100);
        }
    }

    private static async Task<string> JobErrorsAsync(TestDatabase? database) => database is null ? "" : await database.ScalarAsync<string>(
        "SELECT string_agg(kind || ' ' || status || ' ' || attempts || ' ' || coalesce(last_error, ''), ' | ') FROM jobs WHERE status <> 'Succeeded'") ?? "";
}
