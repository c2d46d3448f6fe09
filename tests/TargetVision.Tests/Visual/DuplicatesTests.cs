using System.Net;
using System.Net.Http.Json;
using TargetVision.Tests.Search;

namespace TargetVision.Tests.Visual;

/// <summary>Near-duplicate groups on controlled vectors: union of pairs, threshold, paging, "not a duplicate" remembered.</summary>
public sealed class DuplicatesTests(VisualFixture fixture) : IClassFixture<VisualFixture>
{
    [Fact]
    public async Task Bursts_group_by_union_pages_largest_first_and_dismissals_are_remembered()
    {
        await using var data = new SearchData(fixture.Database.ConnectionString, embedder: null);
        var album = await data.AlbumAsync("dup1", "Bursts");
        async Task<int> Photo(float[] v)
        {
            var id = await data.PhotoAsync(album, "frame");
            await fixture.EmbedAsync(id, v);
            return id;
        }
        // A burst of three in a chain: 1–2 and 2–3 are within 0.98, 1–3 only at cos(0.28) ≈ 0.961.
        var a1 = await Photo(VisualFixture.Direction(0, 0.00, 1));
        var a2 = await Photo(VisualFixture.Direction(0, 0.14, 1));
        var a3 = await Photo(VisualFixture.Direction(0, 0.28, 1));
        var b1 = await Photo(VisualFixture.Direction(5, 0.00, 6));
        var b2 = await Photo(VisualFixture.Direction(5, 0.10, 6));
        await Photo(VisualFixture.Direction(9));                       // alone
        var gone = await Photo(VisualFixture.Direction(20, 0.0, 21));
        await Photo(VisualFixture.Direction(20, 0.05, 21));            // its twin is deleted
        await fixture.Database.ExecuteAsync($"UPDATE photos SET deleted_at = now() WHERE id = {gone}");

        using var session = await fixture.OwnerSessionAsync();
        var all = await session.GetJsonAsync("/api/duplicates?threshold=0.97");
        Assert.Equal(2, all.GetProperty("total").GetInt32());
        var groups = all.GetProperty("items").EnumerateArray().Select(g => g.GetProperty("photos").EnumerateArray().Select(p => p.GetProperty("photoId").GetInt32()).ToArray()).ToList();
        Assert.Equal([a1, a2, a3], groups[0]);  // linked through a2 although a1–a3 is below the threshold
        Assert.Equal([b1, b2], groups[1]);
        Assert.Equal(Math.Cos(0.14), all.GetProperty("items")[0].GetProperty("minSimilarity").GetDouble(), 4);
        Assert.Equal("Bursts", all.GetProperty("items")[0].GetProperty("photos")[0].GetProperty("albumName").GetString());

        var second = await session.GetJsonAsync("/api/duplicates?threshold=0.97&page=2&pageSize=1");
        Assert.Equal([b1, b2], second.GetProperty("items")[0].GetProperty("photos").EnumerateArray().Select(p => p.GetProperty("photoId").GetInt32()));
        Assert.False(second.GetProperty("hasNext").GetBoolean());

        var strict = await session.GetJsonAsync("/api/duplicates?threshold=0.999");
        Assert.Equal(0, strict.GetProperty("total").GetInt32());

        using var dismissed = await session.PostAsync("/api/duplicates/dismissals", new { photoIds = new[] { b2, b1 } });
        Assert.Equal(HttpStatusCode.OK, dismissed.StatusCode);
        var remaining = await session.GetJsonAsync("/api/duplicates?threshold=0.97");
        Assert.Equal(1, remaining.GetProperty("total").GetInt32());
        using var again = await session.PostAsync("/api/duplicates/dismissals", new { photoIds = new[] { b1, b2 } });
        Assert.Equal(0, (await again.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("pairs").GetInt32());
    }

    [Theory]
    [InlineData("/api/duplicates?threshold=0.2", "threshold")]
    [InlineData("/api/duplicates?threshold=1.5", "threshold")]
    [InlineData("/api/duplicates?pageSize=0", "pageSize")]
    public async Task Bad_parameters_are_400_problems(string path, string field)
    {
        using var session = await fixture.OwnerSessionAsync();
        using var response = await session.Client.GetAsync(new Uri(path, UriKind.Relative));
        await ProblemAssert.IsValidationProblem(response, field);
    }

    [Fact]
    public async Task Dismissing_needs_at_least_two_photos()
    {
        using var session = await fixture.OwnerSessionAsync();
        using var response = await session.PostAsync("/api/duplicates/dismissals", new { photoIds = new[] { 1 } });
        await ProblemAssert.IsValidationProblem(response, "photoIds");
    }
}
