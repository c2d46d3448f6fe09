using System.Net;

namespace TargetVision.Tests.Visual;

/// <summary>Without model files nothing breaks: the API says how to install one and search runs without the signal.</summary>
public sealed class NoModelTests(NoModelTests.EmptyModelsFixture fixture) : IClassFixture<NoModelTests.EmptyModelsFixture>
{
    public sealed class EmptyModelsFixture : AppFixture
    {
        private readonly string directory = Directory.CreateTempSubdirectory("tv-nomodel-").FullName;

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Visual:ModelsDirectory"] = directory };

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Stats_say_how_to_install_a_model_and_the_visual_endpoints_answer_409()
    {
        using var session = await fixture.OwnerSessionAsync();
        var stats = await session.GetJsonAsync("/api/embeddings/stats");
        var status = stats.GetProperty("status");
        Assert.False(status.GetProperty("enabled").GetBoolean());
        Assert.False(status.GetProperty("imageModelInstalled").GetBoolean());
        Assert.Contains("models download", status.GetProperty("installHint").GetString());
        Assert.Equal(4, status.GetProperty("missingFiles").GetArrayLength());

        foreach (var (method, path) in new[] { ("POST", "/api/embeddings/backfill"), ("GET", "/api/photos/1/similar"), ("GET", "/api/duplicates") })
        {
            using var response = method == "POST" ? await session.PostAsync(path, new { }) : await session.Client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Contains("models download", await response.Content.ReadAsStringAsync());
        }

        using var visual = await session.Client.GetAsync(new Uri("/api/search?q=sled&mode=visual", UriKind.Relative));
        await ProblemAssert.IsValidationProblem(visual, "mode");
        var hybrid = await session.GetJsonAsync("/api/search?q=sled");
        Assert.DoesNotContain("visual", hybrid.GetProperty("signals").EnumerateArray().Select(s => s.GetString()));
    }
}
