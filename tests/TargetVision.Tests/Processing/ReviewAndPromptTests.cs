using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static TargetVision.Tests.Processing.ProcessingAssertions;

namespace TargetVision.Tests.Processing;

/// <summary>Human review of descriptions, prompts, estimates, models/usage, and the API's input and auth rules.</summary>
public sealed class ReviewAndPromptTests(ProcessingFixture fixture) : IClassFixture<ProcessingFixture>
{
    private async Task<int> DescribedPhotoAsync(ApiSession session, int index)
    {
        var id = (await fixture.PhotoIdsAsync())[index];
        var batch = await StartAsync(session, new { scope = "photos", photoIds = new[] { id } });
        Assert.Equal(1, (await WaitForAsync(session, batch.Id, b => b.Status == "completed")).Done);
        return id;
    }

    [Fact]
    public async Task Review_edit_approve_regenerate_and_delete()
    {
        using var session = await fixture.OwnerAsync();
        var id = await DescribedPhotoAsync(session, 0);

        var ai = await session.GetJsonAsync($"/api/photos/{id}/ai");
        var current = ai.GetProperty("current");
        Assert.Equal(1, current.GetProperty("version").GetInt32());
        Assert.Equal("anthropic", current.GetProperty("provider").GetString());
        Assert.Equal("claude-sonnet-4-5", current.GetProperty("model").GetString());
        Assert.InRange(current.GetProperty("keywords").GetArrayLength(), 5, 20);
        Assert.True(current.GetProperty("inputTokens").GetInt64() > 0);
        Assert.True(current.GetProperty("costUsd").GetDecimal() > 0);
        Assert.False(current.GetProperty("approved").GetBoolean());

        using (var edit = await session.PutAsync($"/api/photos/{id}/ai", new { description = "A red kite over a beach.", keywords = new[] { "Kite", "beach", "kite", " Sky " } }))
        {
            await ApiSession.EnsureSuccess(edit);
        }
        ai = await session.GetJsonAsync($"/api/photos/{id}/ai");
        current = ai.GetProperty("current");
        Assert.Equal(2, current.GetProperty("version").GetInt32());
        Assert.True(current.GetProperty("editedByUser").GetBoolean());
        Assert.Equal(new[] { "kite", "beach", "sky" }, current.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()!).ToArray());

        (await session.PostAsync($"/api/photos/{id}/ai/approve", null)).Dispose();
        Assert.True((await session.GetJsonAsync($"/api/photos/{id}/ai")).GetProperty("current").GetProperty("approved").GetBoolean());
        (await session.PostAsync($"/api/photos/{id}/ai/unapprove", null)).Dispose();
        Assert.False((await session.GetJsonAsync($"/api/photos/{id}/ai")).GetProperty("current").GetProperty("approved").GetBoolean());

        using (var regenerate = await session.PostAsync($"/api/photos/{id}/ai/regenerate", new { model = "claude-haiku-4-5" }))
        {
            Assert.Equal(HttpStatusCode.Accepted, regenerate.StatusCode);
            var batch = (await regenerate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batch").GetProperty("id").GetGuid();
            await WaitForAsync(session, batch, b => b.Status == "completed");
        }
        ai = await session.GetJsonAsync($"/api/photos/{id}/ai");
        Assert.Equal(3, ai.GetProperty("versions").GetArrayLength());
        Assert.Equal("claude-haiku-4-5", ai.GetProperty("current").GetProperty("model").GetString());
        Assert.Equal("A red kite over a beach.", ai.GetProperty("versions")[1].GetProperty("description").GetString());

        using (var bulk = await session.PostAsync("/api/photos/ai/approve", new { photoIds = new[] { id } }))
        {
            Assert.Equal(1, (await bulk.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("approved").GetInt32());
        }

        using (var delete = await session.DeleteAsync($"/api/photos/{id}/ai"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }
        ai = await session.GetJsonAsync($"/api/photos/{id}/ai");
        Assert.Equal(JsonValueKind.Null, ai.GetProperty("current").ValueKind);
        Assert.Equal(0, ai.GetProperty("versions").GetArrayLength());
        Assert.Equal("not_processed", PhotoStatusJson(await StatusOfAsync(fixture.Database, id)));
    }

    private static string PhotoStatusJson(string stored) => stored == "NotProcessed" ? "not_processed" : stored.ToLowerInvariant();

    [Fact]
    public async Task A_hand_written_description_clears_a_failed_attempt()
    {
        using var session = await fixture.OwnerAsync();
        var id = (await fixture.PhotoIdsAsync())[6];
        // As the describe job's observer leaves a photo whose last attempt failed.
        await fixture.Database.ExecuteAsync($"UPDATE photos SET work_state = 'Failed', status_error = 'Anthropic rejected the key' WHERE id = {id}");
        Assert.Equal("Failed", await StatusOfAsync(fixture.Database, id));

        using (var edit = await session.PutAsync($"/api/photos/{id}/ai", new { description = "A lighthouse at dusk.", keywords = new[] { "lighthouse" } }))
        {
            await ApiSession.EnsureSuccess(edit);
        }

        Assert.Equal("Completed", await StatusOfAsync(fixture.Database, id));
        Assert.Null(await ErrorOfAsync(fixture.Database, id));
    }

    [Fact]
    public async Task Prompts_crud_templates_and_test_on_a_library_photo_without_saving()
    {
        using var session = await fixture.OwnerAsync();
        var prompts = await session.GetJsonAsync("/api/prompts");
        var builtIn = prompts.EnumerateArray().Single(p => p.GetProperty("isDefault").GetBoolean());
        Assert.True(builtIn.GetProperty("isActive").GetBoolean());

        var templates = await session.GetJsonAsync("/api/prompts/templates");
        Assert.Equal(new[] { "detailed", "concise", "artistic", "sports_events" }, templates.EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToArray());
        Assert.Contains(templates[0].GetProperty("options").EnumerateArray(), o => o.GetProperty("id").GetString() == "smiling");

        using var created = await session.PostAsync("/api/prompts", new { name = "Mine", text = "Describe it briefly." });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        using (var updated = await session.PutAsync($"/api/prompts/{id}", new { text = "Describe it in two sentences." }))
        {
            Assert.Equal(2, (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        }
        (await session.PostAsync($"/api/prompts/{id}/activate", null)).Dispose();
        prompts = await session.GetJsonAsync("/api/prompts");
        Assert.True(prompts.EnumerateArray().Single(p => p.GetProperty("id").GetInt32() == id).GetProperty("isActive").GetBoolean());
        Assert.Single(prompts.EnumerateArray(), p => p.GetProperty("isActive").GetBoolean());

        // A batch started now records the active prompt and its version.
        var photoId = await DescribedPhotoAsync(session, 1);
        var version = (await session.GetJsonAsync($"/api/photos/{photoId}/ai")).GetProperty("current");
        Assert.Equal(id, version.GetProperty("promptId").GetInt32());
        Assert.Equal(2, version.GetProperty("promptVersion").GetInt32());

        (await session.PostAsync("/api/prompts/reset", null)).Dispose();
        prompts = await session.GetJsonAsync("/api/prompts");
        Assert.True(prompts.EnumerateArray().Single(p => p.GetProperty("isDefault").GetBoolean()).GetProperty("isActive").GetBoolean());

        var versionsBefore = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM photo_ai_versions");
        var test = await session.PostAsync("/api/prompts/test", new { text = "Describe the colours.", photoId });
        await ApiSession.EnsureSuccess(test);
        var result = await test.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrWhiteSpace(result.GetProperty("description").GetString()));
        Assert.True(result.GetProperty("keywords").GetArrayLength() >= 5);
        Assert.True(result.GetProperty("costUsd").GetDecimal() > 0);
        Assert.Equal(versionsBefore, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM photo_ai_versions"));

        // Uploaded image (multipart), as the prompt editor's "test on image" sends it.
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Describe the colours."), "text" },
            { new ByteArrayContent(TinyJpeg()), "file", "test.jpg" },
        };
        using var upload = await session.Client.PostAsync(new Uri("/api/prompts/test", UriKind.Relative), form);
        await ApiSession.EnsureSuccess(upload);

        var usage = await session.GetJsonAsync("/api/ai/usage?days=30");
        Assert.True(usage.GetProperty("totals").GetProperty("calls").GetInt32() >= 3);
        Assert.Equal(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), usage.GetProperty("byDay")[usage.GetProperty("byDay").GetArrayLength() - 1].GetProperty("day").GetString());
    }

    private static byte[] TinyJpeg()
    {
        using var bitmap = new SkiaSharp.SKBitmap(64, 48);
        bitmap.Erase(new SkiaSharp.SKColor(30, 90, 200));
        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 80);
        return data.ToArray();
    }

    [Fact]
    public async Task Estimate_is_photos_times_expected_tokens_times_price()
    {
        using var session = await fixture.OwnerAsync();
        var ids = (await fixture.PhotoIdsAsync())[2..5];
        using var response = await session.PostAsync("/api/processing/estimate", new { scope = "photos", photoIds = ids, model = "claude-haiku-4-5" });
        await ApiSession.EnsureSuccess(response);
        var estimate = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, estimate.GetProperty("photos").GetInt32());
        Assert.Equal("anthropic", estimate.GetProperty("provider").GetString());
        var input = estimate.GetProperty("estimatedInputTokens").GetInt64();
        var output = estimate.GetProperty("estimatedOutputTokens").GetInt64();
        Assert.Equal(3 * 250, output);
        // 3000×2000 fitted to ≤1568 px and ≤1.15 MP is 1313×875: 1532 image tokens, plus prompt and schema.
        Assert.InRange(input / 3, 1532 + 600, 1532 + 600 + 200);
        Assert.Equal(Math.Round((input * 1m + output * 5m) / 1_000_000m, 4), estimate.GetProperty("estimatedCostUsd").GetDecimal());

        var models = await session.GetJsonAsync("/api/ai/models");
        var sonnet = models.EnumerateArray().Single(m => m.GetProperty("id").GetString() == "claude-sonnet-4-5");
        Assert.True(sonnet.GetProperty("default").GetBoolean());
        Assert.True(sonnet.GetProperty("keyConfigured").GetBoolean());
        Assert.Equal(3m, sonnet.GetProperty("inputPerMTok").GetDecimal());
        Assert.False(models.EnumerateArray().Single(m => m.GetProperty("id").GetString() == "gpt-4.1-mini").GetProperty("keyConfigured").GetBoolean());
        var status = await session.GetJsonAsync("/api/ai/status");
        Assert.Equal("environment", status.GetProperty("anthropic").GetProperty("source").GetString());
        Assert.False(status.GetProperty("openai").GetProperty("keyPresent").GetBoolean());
    }

    [Fact]
    public async Task Bad_input_is_a_400_problem_naming_the_field()
    {
        using var session = await fixture.OwnerAsync();
        await ProblemAssert.IsValidationProblem(await session.PostAsync("/api/processing/estimate", new { scope = "everything" }), "scope");
        await ProblemAssert.IsValidationProblem(await session.PostAsync("/api/processing/batches", new { scope = "photos", photoIds = new[] { 999_999 } }), "photoIds");
        await ProblemAssert.IsValidationProblem(await session.PostAsync("/api/processing/batches", new { scope = "album", albumKey = "nope" }), "albumKey");
        await ProblemAssert.IsValidationProblem(await session.PostAsync("/api/processing/estimate", new { scope = "undescribed", model = "gpt-9" }), "model");
        await ProblemAssert.IsValidationProblem(await session.PostAsync("/api/processing/estimate", new { scope = "undescribed", model = "gpt-4.1-mini" }), "model"); // no OpenAI key
        var id = (await fixture.PhotoIdsAsync())[5];
        await ProblemAssert.IsValidationProblem(await session.PutAsync($"/api/photos/{id}/ai", new { description = "", keywords = new[] { "a" } }), "description");
        await ProblemAssert.IsValidationProblem(await session.PutAsync($"/api/photos/{id}/ai",
            new { description = "Fine.", keywords = Enumerable.Range(0, 31).Select(i => $"k{i}").ToArray() }), "keywords");
        await ProblemAssert.IsValidationProblem(await session.PostAsync("/api/prompts", new { name = "", text = "x" }), "name");
        await ProblemAssert.IsValidationProblem(await session.PostAsync("/api/prompts/test", new { text = "x" }), "photoId");
        await ProblemAssert.IsProblem(await session.PostAsync($"/api/photos/{id}/ai/approve", null), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await session.GetAsyncRaw("/api/photos/999999/ai"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Every_endpoint_requires_the_owner()
    {
        using var anonymous = fixture.App.CreateSession();
        await anonymous.StatusAsync();
        foreach (var path in new[] { "/api/ai/models", "/api/ai/status", "/api/ai/usage", "/api/prompts", "/api/prompts/templates", "/api/photos/1/ai" })
        {
            await ProblemAssert.IsProblem(await anonymous.GetAsyncRaw(path), HttpStatusCode.Unauthorized);
        }
        await ProblemAssert.IsProblem(await anonymous.PostAsync("/api/processing/estimate", new { scope = "undescribed" }), HttpStatusCode.Unauthorized);
    }
}

internal static class ApiSessionExtensions
{
    public static Task<HttpResponseMessage> GetAsyncRaw(this ApiSession session, string path) => session.Client.GetAsync(new Uri(path, UriKind.Relative));
}
