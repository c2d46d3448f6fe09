using System.Net;

namespace FakeSmugMug.Tests;

public sealed class FaultInjectionTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Rate_limit_burst_answers_429_with_retry_after_then_recovers()
    {
        fx.Server.Faults.RateLimitNext(2, retryAfterSeconds: 7, pathPrefix: "/api/v2");
        for (var i = 0; i < 2; i++)
        {
            var (response, body) = await fx.GetJsonAsync("/api/v2!authuser");
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter!.Delta);
            Assert.Equal(429, body.GetProperty("Code").GetInt32());
        }

        Assert.Equal(HttpStatusCode.OK, (await fx.GetJsonAsync("/api/v2!authuser")).Response.StatusCode);
    }

    [Fact]
    public async Task Server_errors_and_one_redirect()
    {
        fx.Server.Faults.FailNext(1, 503, pathPrefix: "/api/v2/album/");
        var album = fx.Server.Library.FindAlbumByName("Sunsets")!;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await fx.GetJsonAsync($"/api/v2/album/{album.AlbumKey}")).Response.StatusCode);

        var path = $"/api/v2/node/{album.NodeId}";
        fx.Server.Faults.RedirectOnce(path);
        var (redirect, _) = await fx.GetJsonAsync(path);
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        var (followed, _) = await fx.GetJsonAsync(redirect.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
    }

    [Fact]
    public async Task Counters_track_route_patterns()
    {
        var album = fx.Server.Library.FindAlbumByName("Vermont 2019")!;
        await fx.GetJsonAsync($"/api/v2/album/{album.AlbumKey}!images?count=5");
        await fx.GetJsonAsync($"/api/v2/album/{album.AlbumKey}!images?count=5&start=6");
        Assert.True(fx.Server.Requests["GET /api/v2/album/{key}!images"] >= 2);
        Assert.True(fx.Server.Requests.Total >= 2);
    }
}
