using System.Net.Http.Json;
using System.Text.Json;
using static TargetVision.Tests.Processing.ProcessingAssertions;

namespace TargetVision.Tests.Processing;

/// <summary>The OpenAI path end to end: official SDK, json_schema structured output, against the fake chat API.</summary>
public sealed class OpenAiDescribeTests(OpenAiProcessingFixture fixture) : IClassFixture<OpenAiProcessingFixture>
{
    [Fact]
    public async Task A_batch_with_an_openai_model_describes_through_chat_completions_with_structured_output()
    {
        var ids = (await fixture.PhotoIdsAsync())[..5];
        using var session = await fixture.OwnerAsync();

        var batch = await StartAsync(session, new { scope = "photos", photoIds = ids, model = "gpt-4.1-mini" });
        var done = await WaitForAsync(session, batch.Id, b => b.Status == "completed");

        Assert.Equal(5, done.Done);
        Assert.Equal(5, fixture.OpenAi.Calls.SucceededCalls);
        Assert.Equal(0, fixture.Claude.Calls.TotalCalls);
        var ai = await session.GetJsonAsync($"/api/photos/{ids[0]}/ai");
        var current = ai.GetProperty("current");
        Assert.Equal("openai", current.GetProperty("provider").GetString());
        Assert.Equal("gpt-4.1-mini", current.GetProperty("model").GetString());
        Assert.False(string.IsNullOrWhiteSpace(current.GetProperty("description").GetString()));
        var keywords = current.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()!).ToList();
        Assert.InRange(keywords.Count, 5, 20);
        Assert.All(keywords, k => Assert.Equal(k.ToLowerInvariant(), k));
        Assert.True(current.GetProperty("inputTokens").GetInt32() > 0);
    }

    [Fact]
    public async Task A_rejected_openai_key_fails_the_photos_with_a_clear_reason()
    {
        var ids = (await fixture.PhotoIdsAsync())[10..12];
        fixture.OpenAi.Options.AcceptedApiKeys.Add("sk-some-other-key");
        try
        {
            using var session = await fixture.OwnerAsync();
            var batch = await StartAsync(session, new { scope = "photos", photoIds = ids, model = "gpt-4.1-mini" });
            var done = await WaitForAsync(session, batch.Id, b => b.Status == "completed");
            Assert.Equal(2, done.Failed);
            var error = await ErrorOfAsync(fixture.Database, ids[0]);
            Assert.Contains("401", error, StringComparison.Ordinal);
            using var failures = await session.Client.GetAsync(new Uri($"/api/batches/{batch.Id}/failures", UriKind.Relative));
            var list = await failures.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(2, list.GetArrayLength());
        }
        finally
        {
            fixture.OpenAi.Options.AcceptedApiKeys.Clear();
        }
    }
}
