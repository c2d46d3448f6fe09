using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TargetVision.Api.Features.Visual;
using TargetVision.Tests.Search;

namespace TargetVision.Tests.Visual;

/// <summary>Similar photos, search by example, visual text search and coverage on controlled vectors.</summary>
public sealed class VisualApiTests(VisualFixture fixture) : IClassFixture<VisualFixture>
{
    private SearchData Data() => new(fixture.Database.ConnectionString, embedder: null);

    [Fact]
    public async Task Similar_ranks_by_cosine_and_excludes_the_photo_itself_and_deleted_photos()
    {
        await using var data = Data();
        var album = await data.AlbumAsync("sim1", "Similar");
        var ids = new int[5];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = await data.PhotoAsync(album, $"photo {i}");
        }
        await fixture.EmbedAsync(ids[0], VisualFixture.Direction(10, 0, 11));
        await fixture.EmbedAsync(ids[1], VisualFixture.Direction(10, 0.1, 11));  // a near copy
        await fixture.EmbedAsync(ids[2], VisualFixture.Direction(10, 0.5, 11));
        await fixture.EmbedAsync(ids[3], VisualFixture.Direction(10, 1.0, 11));
        await fixture.EmbedAsync(ids[4], VisualFixture.Direction(10, 0.05, 11)); // nearest of all, but deleted
        await fixture.Database.ExecuteAsync($"UPDATE photos SET deleted_at = now() WHERE id = {ids[4]}");

        using var session = await fixture.OwnerSessionAsync();
        var similar = await session.GetJsonAsync($"/api/photos/{ids[0]}/similar?limit=3");
        var items = similar.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([ids[1], ids[2], ids[3]], items.Select(i => i.GetProperty("photoId").GetInt32()));
        Assert.Equal(Math.Cos(0.1), items[0].GetProperty("similarity").GetDouble(), 4);
        Assert.Equal(Math.Cos(1.0), items[2].GetProperty("similarity").GetDouble(), 4);
        Assert.Equal($"/api/photos/{ids[1]}/thumbnail", items[0].GetProperty("thumbnailUrl").GetString());
        Assert.Equal("Similar", items[0].GetProperty("albumName").GetString());
    }

    [Fact]
    public async Task Similar_answers_404_for_a_photo_without_an_embedding_and_400_for_a_bad_limit()
    {
        await using var data = Data();
        var photo = await data.PhotoAsync(await data.AlbumAsync("sim2", "Unembedded"), "lonely");
        using var session = await fixture.OwnerSessionAsync();
        using var missing = await session.Client.GetAsync(new Uri($"/api/photos/{photo}/similar", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var bad = await session.Client.GetAsync(new Uri($"/api/photos/{photo}/similar?limit=0", UriKind.Relative));
        await ProblemAssert.IsValidationProblem(bad, "limit");
    }

    [Fact]
    public async Task Search_by_example_embeds_the_upload_with_the_model_and_finds_the_matching_photo()
    {
        var png = TestImages.Png(TestImages.PatternImage(320, 240));
        var model = fixture.App.Services.GetRequiredService<VisualModel>();
        var encoder = model.ImageEncoder();
        var expected = encoder.Embed(encoder.Preprocessor.Preprocess(png), 1)[0];

        await using var data = Data();
        var album = await data.AlbumAsync("ex1", "Examples");
        var match = await data.PhotoAsync(album, "the same picture");
        await fixture.EmbedAsync(match, expected);

        using var session = await fixture.OwnerSessionAsync();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "example.png");
        using var response = await session.Client.PostAsync(new Uri("/api/search/by-example?limit=5", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var first = body.GetProperty("items")[0];
        Assert.Equal(match, first.GetProperty("photoId").GetInt32());
        Assert.Equal(1.0, first.GetProperty("similarity").GetDouble(), 4);
        Assert.Equal(VisualFixture.ModelId, body.GetProperty("model").GetString());

        using var notImage = new MultipartFormDataContent { { new ByteArrayContent("hello"u8.ToArray()), "file", "notes.txt" } };
        using var refused = await session.Client.PostAsync(new Uri("/api/search/by-example", UriKind.Relative), notImage);
        await ProblemAssert.IsValidationProblem(refused, "file");
        using var json = await session.PostAsync("/api/search/by-example", new { photoId = match });
        await ProblemAssert.IsValidationProblem(json, "file");
    }

    [Fact]
    public async Task Visual_mode_embeds_the_words_with_the_text_encoder_and_hybrid_gains_the_visual_signal()
    {
        var model = fixture.App.Services.GetRequiredService<VisualModel>();
        var query = model.TextEncoder().Embed(["red café"])[0];

        await using var data = Data();
        var album = await data.AlbumAsync("vis1", "Pictures");
        var picture = await data.PhotoAsync(album, "untitled");
        await fixture.EmbedAsync(picture, query);

        using var session = await fixture.OwnerSessionAsync();
        var visual = await session.GetJsonAsync("/api/search?q=red%20caf%C3%A9&mode=visual");
        var hit = visual.GetProperty("items")[0];
        Assert.Equal(picture, hit.GetProperty("photoId").GetInt32());
        Assert.Equal("visual", hit.GetProperty("matched")[0].GetProperty("signal").GetString());
        Assert.Equal(["visual"], visual.GetProperty("signals").EnumerateArray().Select(s => s.GetString()));

        var hybrid = await session.GetJsonAsync("/api/search?q=red%20caf%C3%A9");
        Assert.Contains("visual", hybrid.GetProperty("signals").EnumerateArray().Select(s => s.GetString()));
        Assert.Contains(hybrid.GetProperty("items").EnumerateArray(), h => h.GetProperty("photoId").GetInt32() == picture);
    }

    [Fact]
    public async Task Stats_report_coverage_per_model_with_stale_and_missing_photos()
    {
        using var session = await fixture.OwnerSessionAsync();
        var before = await session.GetJsonAsync("/api/embeddings/stats");

        await using var data = Data();
        var album = await data.AlbumAsync("cov1", "Coverage");
        var current = await data.PhotoAsync(album, "current");
        var stale = await data.PhotoAsync(album, "replaced since");
        await data.PhotoAsync(album, "never embedded");
        await data.PhotoAsync(album, "a video", video: true);
        await fixture.EmbedAsync(current, VisualFixture.Direction(40));
        await fixture.EmbedAsync(stale, VisualFixture.Direction(41), stamp: "md5-of-the-old-pixels");
        await fixture.EmbedAsync(current, VisualFixture.Direction(42), model: "older-model");

        var after = await session.GetJsonAsync("/api/embeddings/stats");
        int Delta(string name) => after.GetProperty(name).GetInt32() - before.GetProperty(name).GetInt32();
        Assert.Equal(3, Delta("photos"));  // videos are not embedded
        Assert.Equal(1, Delta("embedded"));
        Assert.Equal(1, Delta("stale"));
        Assert.Equal(1, Delta("missing"));
        var models = after.GetProperty("models").EnumerateArray().ToDictionary(m => m.GetProperty("model").GetString()!, m => m.GetProperty("embedded").GetInt32());
        Assert.True(models["older-model"] >= 1);
        var status = after.GetProperty("status");
        Assert.True(status.GetProperty("enabled").GetBoolean());
        Assert.True(status.GetProperty("textModelInstalled").GetBoolean());
        Assert.Empty(status.GetProperty("missingFiles").EnumerateArray());
    }

    [Fact]
    public async Task The_backfill_command_queues_missing_photos_as_a_batch()
    {
        await using var data = Data();
        var photo = await data.PhotoAsync(await data.AlbumAsync("bf1", "Backfill"), "not embedded yet");
        using var output = new StringWriter();
        var exit = await EmbeddingsCommand.RunAsync(fixture.App.Services, ["embeddings", "backfill"], output, CancellationToken.None);
        Assert.Equal(0, exit);
        Assert.Contains("Queued", output.ToString());
        var queued = await fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM jobs j JOIN job_batches b ON b.id = j.batch_id WHERE j.kind = 'visual.embed-image' AND j.payload->'photoIds' @> to_jsonb(ARRAY[@id])",
            ("id", photo));
        Assert.Equal(1, queued);
    }
}
