using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TargetVision.Api.Features.SmugMug;
using TargetVision.Api.Integrations.SmugMug;

namespace TargetVision.Tests.SmugMug;

/// <summary>Live browsing, covers, album pages, image streaming (private album included), faults and bad input.</summary>
public class BrowseAndImageTests(SmugMugFixture fixture) : IClassFixture<SmugMugFixture>
{
    private async Task<JsonElement> RootAsync(ApiSession session) => await session.GetJsonAsync("/api/smugmug/nodes");

    [Fact]
    public async Task Root_lists_folders_and_albums_without_system_albums()
    {
        using var session = await fixture.OwnerSessionAsync();
        var root = await RootAsync(session);
        var names = root.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal(["Travel", "Family", "Sunsets"], names);
        Assert.Equal("folder", root.GetProperty("node").GetProperty("type").GetString());
        var sunsets = root.GetProperty("children").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "Sunsets");
        Assert.Equal("album", sunsets.GetProperty("type").GetString());
        Assert.Equal(fixture.Fake.Library.FindAlbumByName("Sunsets")!.Images.Count, sunsets.GetProperty("imageCount").GetInt32());
        Assert.False(sunsets.GetProperty("synced").GetBoolean());

        var travel = root.GetProperty("children").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "Travel");
        var travelNode = await session.GetJsonAsync($"/api/smugmug/nodes/{travel.GetProperty("nodeId").GetString()}");
        Assert.Equal(["", "Travel"], travelNode.GetProperty("node").GetProperty("breadcrumbs").EnumerateArray().Select(b => b.GetProperty("name").GetString()));
        var empty = travelNode.GetProperty("children").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "Empty Album");
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("coverUrl").ValueKind);

        using var cover = await session.Client.GetAsync(new Uri(travel.GetProperty("coverUrl").GetString()!, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, cover.StatusCode);
        Assert.Equal("image/jpeg", cover.Content.Headers.ContentType!.MediaType);
        Assert.NotNull(cover.Headers.CacheControl);
    }

    [Fact]
    public async Task Album_pages_merge_local_status_and_private_photos_stream()
    {
        using var session = await fixture.OwnerSessionAsync();
        var album = fixture.Fake.Library.FindAlbumByName("Private Moments")!;
        var page = await session.GetJsonAsync($"/api/smugmug/albums/{album.AlbumKey}/photos?limit=2");
        Assert.Equal("2", page.GetProperty("photos").EnumerateArray().Count().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("3", page.GetProperty("nextCursor").GetString());
        var first = page.GetProperty("photos")[0];
        Assert.Equal("not_synced", first.GetProperty("status").GetString());
        using (var thumb = await session.Client.GetAsync(new Uri(first.GetProperty("thumbnailUrl").GetString()!, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, thumb.StatusCode);
        }

        await SyncWaiter.SyncAsync(session, new { scope = "album", albumKey = album.AlbumKey }, fixture.Database);
        page = await session.GetJsonAsync($"/api/smugmug/albums/{album.AlbumKey}/photos?cursor=1");
        Assert.True(page.GetProperty("album").GetProperty("synced").GetBoolean());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("nextCursor").ValueKind);
        first = page.GetProperty("photos")[0];
        Assert.Equal("not_processed", first.GetProperty("status").GetString());
        var id = first.GetProperty("photoId").GetInt32();
        Assert.Equal($"/api/photos/{id}/thumbnail", first.GetProperty("thumbnailUrl").GetString());

        var detail = await session.GetJsonAsync($"/api/photos/{id}");
        Assert.Equal("Family", detail.GetProperty("folderPath").GetString());
        Assert.Equal($"/api/photos/{id}/image?size=largest", detail.GetProperty("largestUrl").GetString());

        // Private album: the photo host needs the signed request; the backend streams it with an ETag.
        using var image = await session.Client.GetAsync(new Uri($"/api/photos/{id}/image?size=S", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/jpeg", image.Content.Headers.ContentType!.MediaType);
        var etag = image.Headers.ETag!;
        using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/photos/{id}/image?size=S");
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await session.Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var largest = await session.Client.GetAsync(new Uri($"/api/photos/{id}/image?size=largest", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, largest.StatusCode);
        using var original = await session.Client.GetAsync(new Uri($"/api/photos/{id}/original", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        var disposition = original.Content.Headers.ContentDisposition?.ToString() ?? string.Join("", original.Headers.GetValues("Content-Disposition"));
        Assert.StartsWith("attachment; filename=\"", disposition, StringComparison.Ordinal);
        Assert.Contains("filename*=UTF-8''", disposition, StringComparison.Ordinal);

        var status = await session.GetJsonAsync("/api/cache/status");
        Assert.True(status.GetProperty("diskCacheFiles").GetInt32() > 0);
        Assert.True(status.GetProperty("hits").GetInt64() > 0);
        using var clear = await session.PostAsync("/api/cache/clear", null);
        Assert.Equal(HttpStatusCode.NoContent, clear.StatusCode);
        Assert.Equal(0, (await session.GetJsonAsync("/api/cache/status")).GetProperty("diskCacheFiles").GetInt32());
    }

    [Theory]
    [InlineData("/api/photos/1/image?size=Q")]
    [InlineData("/api/photos/1/image?size=../../etc")]
    [InlineData("/api/smugmug/albums/a!b/photos")]
    [InlineData("/api/smugmug/albums/abc/photos?cursor=x")]
    [InlineData("/api/smugmug/albums/abc/photos?limit=1000")]
    public async Task Bad_input_is_a_400_problem(string path)
    {
        using var session = await fixture.OwnerSessionAsync();
        using var response = await session.Client.GetAsync(new Uri(path, UriKind.Relative));
        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("""{"scope":"bogus"}""")]
    [InlineData("""{"scope":"album"}""")]
    [InlineData("""{"scope":"folder","nodeId":"../x"}""")]
    [InlineData("""{}""")]
    public async Task Bad_sync_requests_are_400_problems(string body)
    {
        using var session = await fixture.OwnerSessionAsync();
        using var response = await session.Client.PostAsync(new Uri("/api/smugmug/sync", UriKind.Relative),
            new StringContent(body, new MediaTypeHeaderValue("application/json")));
        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Recovers_from_429_5xx_and_a_redirect()
    {
        using var session = await fixture.OwnerSessionAsync();
        using (var clear = await session.PostAsync("/api/cache/clear", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, clear.StatusCode);
        }
        fixture.Fake.Faults.RateLimitNext(2, retryAfterSeconds: 1, pathPrefix: "/api/v2");
        Assert.Equal(3, (await RootAsync(session)).GetProperty("children").GetArrayLength());

        await (await session.PostAsync("/api/cache/clear", null)).Content.ReadAsStringAsync();
        fixture.Fake.Faults.FailNext(2, 503, pathPrefix: "/api/v2");
        Assert.Equal(3, (await RootAsync(session)).GetProperty("children").GetArrayLength());

        await (await session.PostAsync("/api/cache/clear", null)).Content.ReadAsStringAsync();
        fixture.Fake.Faults.RedirectOnce($"/api/v2/node/{fixture.Fake.Library.Root.NodeId}!children");
        Assert.Equal(3, (await RootAsync(session)).GetProperty("children").GetArrayLength());
        Assert.Equal(0, fixture.Fake.Faults.PendingCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reads_expansions_in_both_layouts(bool inline)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var credentials = await scope.ServiceProvider.GetRequiredService<SmugMugAccountStore>().GetCredentialsAsync(default);
        var client = scope.ServiceProvider.GetRequiredService<SmugMugClient>();
        var transport = scope.ServiceProvider.GetRequiredService<SmugMugTransport>();
        var key = fixture.Fake.Library.FindAlbumByName("Sunsets")!.Images[0].ImageKey;
        (string, string)[] query = inline ? [("_expand", "ImageSizeDetails"), ("_expandmethod", "inline")] : [("_expand", "ImageSizeDetails")];

        var body = await transport.SendAsync(HttpMethod.Get, client.BuildUri($"/api/v2/image/{key}", query), credentials, default);
        using var doc = JsonDocument.Parse(body);
        var response = new SmugMugResponse(doc.RootElement.Clone());
        Assert.Equal(!inline, doc.RootElement.TryGetProperty("Expansions", out _));
        var image = SmugMugImage.Parse(response.Single!.Value, response);

        Assert.NotNull(image.SizeDetails);
        Assert.Contains("#size#", image.SizeDetails.UrlTemplate, StringComparison.Ordinal);
        Assert.Contains(image.SizeDetails.Sizes, s => s.Code == "Th" && s.Width > 0);
    }
}
