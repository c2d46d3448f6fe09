using System.Net;
using System.Text.Json;

namespace FakeSmugMug.Tests;

public sealed class ResponseOptionTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    private string VermontKey => fx.Server.Library.FindAlbumByName("Vermont 2019")!.AlbumKey;

    [Fact]
    public async Task Envelope_has_request_response_code_and_rate_limit_headers()
    {
        var (response, body) = await fx.GetJsonAsync($"/api/v2/album/{VermontKey}");
        Assert.Equal(200, body.GetProperty("Code").GetInt32());
        Assert.Equal("Ok", body.GetProperty("Message").GetString());
        Assert.Equal("GET", body.GetProperty("Request").GetProperty("Method").GetString());
        var album = body.GetProperty("Response").GetProperty("Album");
        Assert.Equal("vermont; autumn", album.GetProperty("Keywords").GetString());
        Assert.Equal(8, album.GetProperty("ImageCount").GetInt32());
        Assert.True(response.Headers.Contains("X-RateLimit-Remaining"));
        Assert.True(long.Parse(response.Headers.GetValues("X-RateLimit-Reset").First(), System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Expansions_default_to_the_top_level_map_keyed_by_uri()
    {
        var (_, body) = await fx.GetJsonAsync($"/api/v2/album/{VermontKey}!images?count=3&_expand=ImageSizeDetails");
        var image = body.GetProperty("Response").GetProperty("AlbumImage")[0];
        var entry = image.GetProperty("Uris").GetProperty("ImageSizeDetails");
        Assert.False(entry.TryGetProperty("ImageSizeDetails", out _));
        var uri = entry.GetProperty("Uri").GetString()!;
        var expanded = body.GetProperty("Expansions").GetProperty(uri).GetProperty("ImageSizeDetails");
        Assert.Contains("#size#", expanded.GetProperty("ImageUrlTemplate").GetString(), StringComparison.Ordinal);
        Assert.True(expanded.GetProperty("UsableSizes").GetArrayLength() > 5);
        Assert.Equal(3, body.GetProperty("Expansions").EnumerateObject().Count());
    }

    [Fact]
    public async Task Inline_expansion_nests_the_object_in_Uris()
    {
        var (_, body) = await fx.GetJsonAsync($"/api/v2/album/{VermontKey}!images?count=2&_expand=ImageSizeDetails,LargestImage&_expandmethod=inline");
        Assert.False(body.TryGetProperty("Expansions", out _));
        var uris = body.GetProperty("Response").GetProperty("AlbumImage")[1].GetProperty("Uris");
        Assert.Equal(JsonValueKind.Object, uris.GetProperty("ImageSizeDetails").GetProperty("ImageSizeDetails").ValueKind);
        Assert.True(uris.GetProperty("LargestImage").GetProperty("LargestImage").GetProperty("Width").GetInt32() > 0);
    }

    [Fact]
    public async Task Nested_expansion_follows_dotted_names()
    {
        var root = fx.Server.Library.Root;
        var (_, body) = await fx.GetJsonAsync($"/api/v2/node/{root.NodeId}!children?count=10&_expand=Album.AlbumHighlightImage");
        var expansions = body.GetProperty("Expansions");
        Assert.Contains(expansions.EnumerateObject(), p => p.Value.TryGetProperty("Album", out _));
        Assert.Contains(expansions.EnumerateObject(), p => p.Value.TryGetProperty("AlbumImage", out _));
    }

    [Fact]
    public async Task Filter_keeps_only_the_named_fields()
    {
        var (_, body) = await fx.GetJsonAsync($"/api/v2/album/{VermontKey}?_filter=Name,ImageCount&_filteruri=AlbumImages");
        var album = body.GetProperty("Response").GetProperty("Album");
        var names = album.EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Equal(new HashSet<string> { "Name", "ImageCount", "Uri", "Uris" }, names);
        Assert.Equal(["AlbumImages"], album.GetProperty("Uris").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Short_uris_become_strings()
    {
        var (_, body) = await fx.GetJsonAsync($"/api/v2/album/{VermontKey}?_shorturis");
        var uris = body.GetProperty("Response").GetProperty("Album").GetProperty("Uris");
        Assert.Equal(JsonValueKind.String, uris.GetProperty("AlbumImages").ValueKind);
    }

    [Fact]
    public async Task Patch_needs_modify_and_normalises_keywords_without_moving_album_stamp()
    {
        var album = fx.Server.Library.FindAlbumByName("Sunsets")!;
        var image = album.Images[0];
        var albumStamp = album.ImagesLastUpdated;
        var imageStamp = image.LastUpdated;

        using (var denied = new HttpRequestMessage(HttpMethod.Patch, $"{fx.Server.ApiBaseUrl}/image/{image.ImageKey}"))
        {
            denied.Content = new StringContent("{\"Caption\":\"x\"}", System.Text.Encoding.UTF8, "application/json");
            fx.Signer(permissions: OAuth.PermissionLevel.Read).Sign(denied);
            using var r = await fx.Http.SendAsync(denied);
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
            Assert.Contains("The user has not granted the required permissions", await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"{fx.Server.ApiBaseUrl}/image/{image.ImageKey}");
        patch.Content = new StringContent("{\"Caption\":\"Red sky\",\"Keywords\":\"sunset, sea,sky\",\"Title\":\"Evening\"}", System.Text.Encoding.UTF8, "application/json");
        fx.Signer().Sign(patch);
        using var response = await fx.Http.SendAsync(patch);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var img = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("Response").GetProperty("Image");
        Assert.Equal("sunset; sea; sky", img.GetProperty("Keywords").GetString());
        Assert.Equal("Red sky", img.GetProperty("Caption").GetString());
        Assert.True(image.LastUpdated > imageStamp);
        Assert.Equal(albumStamp, album.ImagesLastUpdated);
    }

    [Fact]
    public async Task Patch_is_signed_like_any_request_answers_the_image_envelope_401_unsigned_and_429_when_limited()
    {
        var image = fx.Server.Library.FindAlbumByName("Vermont 2019")!.Images[1];
        HttpRequestMessage Patch(string json) => new(HttpMethod.Patch, $"{fx.Server.ApiBaseUrl}/image/{image.ImageKey}")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };

        using (var unsigned = Patch("{\"Caption\":\"x\"}"))
        {
            using var r = await fx.Http.SendAsync(unsigned);
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        }

        Assert.Equal(string.Empty, image.Caption);

        // The JSON body is not part of the signature (only form bodies are): a signature over the URL alone verifies.
        var signer = fx.Signer();
        fx.Server.Faults.RateLimitNext(1, retryAfterSeconds: 3, pathPrefix: "/api/v2/image/");
        using (var limited = Patch("{\"Caption\":\"x\"}"))
        {
            signer.Sign(limited);
            using var r = await fx.Http.SendAsync(limited);
            Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(3), r.Headers.RetryAfter!.Delta);
        }

        Assert.Equal(string.Empty, image.Caption);
        using var patch = Patch("{\"Caption\":\"Barn in fog\",\"Keywords\":\"barn; fog\"}");
        signer.Sign(patch);
        using var response = await fx.Http.SendAsync(patch);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("PATCH", body.GetProperty("Request").GetProperty("Method").GetString());
        Assert.Equal("Image", body.GetProperty("Response").GetProperty("Locator").GetString());
        Assert.Equal("Object", body.GetProperty("Response").GetProperty("LocatorType").GetString());
        var written = body.GetProperty("Response").GetProperty("Image");
        Assert.Equal(["barn", "fog"], written.GetProperty("KeywordArray").EnumerateArray().Select(k => k.GetString()!).ToArray());
        Assert.Equal(image.LastUpdated, written.GetProperty("LastUpdated").GetDateTimeOffset());
        Assert.Equal("Barn in fog", image.Caption);
    }

    [Fact]
    public async Task Private_album_is_hidden_from_public_access_tokens()
    {
        var priv = fx.Server.Library.FindAlbumByName("Private Moments")!;
        var publicToken = fx.Server.IssueAccessToken(OAuth.AccessLevel.Public, OAuth.PermissionLevel.Read);
        var signer = new TestSigner(fx.Server.ConsumerKey, fx.Server.ConsumerSecret) { Token = publicToken.Token, TokenSecret = publicToken.Secret };
        Assert.Equal(HttpStatusCode.NotFound, (await fx.GetJsonAsync($"/api/v2/album/{priv.AlbumKey}", signer)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fx.GetJsonAsync($"/api/v2/album/{priv.AlbumKey}")).Response.StatusCode);
    }
}
