using System.Net.Http.Json;
using System.Text.Json;
using TargetVision.Api.Infrastructure.Jobs;

namespace TargetVision.Tests.Processing;

/// <summary>Starting describe batches and waiting on them through the public API.</summary>
public static class ProcessingAssertions
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task<BatchView> StartAsync(ApiSession session, object request)
    {
        using var response = await session.PostAsync("/api/processing/batches", request);
        await ApiSession.EnsureSuccess(response);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("batch").Deserialize<BatchView>(JsonSerializerOptions.Web)!;
    }

    /// <summary>
    /// Waits until the batch reaches the state, failing only when it makes no progress for <see cref="Patience"/>:
    /// a loaded machine slows a 200-photo batch down, but a stuck one still fails within a minute of stalling.
    /// </summary>
    public static async Task<BatchView> WaitForAsync(ApiSession session, Guid batchId, Func<BatchView, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        var lastProgress = (Done: -1, Failed: -1, Cancelled: -1);
        while (true)
        {
            var json = await session.GetJsonAsync($"/api/batches/{batchId}");
            var view = json.Deserialize<BatchView>(JsonSerializerOptions.Web)!;
            if (done(view))
            {
                return view;
            }
            var progress = (view.Done, view.Failed, view.Cancelled);
            if (progress != lastProgress)
            {
                lastProgress = progress;
                deadline = DateTime.UtcNow + Patience;
            }
            Assert.True(DateTime.UtcNow < deadline, $"batch stalled for {Patience.TotalSeconds} s before reaching the expected state: {json}");
            await Task.Delay(100);
        }
    }

    public static async Task<string> StatusOfAsync(TestDatabase database, int photoId) =>
        (await database.ScalarAsync<string>("SELECT status FROM photos WHERE id = @id", ("id", photoId)))!;

    public static async Task<string?> ErrorOfAsync(TestDatabase database, int photoId) =>
        await database.ScalarAsync<string>("SELECT status_error FROM photos WHERE id = @id", ("id", photoId));
}
