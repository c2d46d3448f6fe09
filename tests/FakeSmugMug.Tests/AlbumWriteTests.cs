using System.Net;
using System.Text;
using System.Text.Json;

namespace FakeSmugMug.Tests;

/// <summary>Album creation and collect-images as API v2 does them: signed POSTs with JSON bodies, the envelope, permission errors.</summary>
public sealed class AlbumWriteTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    private async Task<(HttpResponseMessage Response, JsonElement Body)> PostJsonAsync(string pathAndQuery, object body, TestSigner? signer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, fx.Server.BaseUrl + pathAndQuery)
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        (signer ?? fx.Signer()).Sign(request);
        var response = await fx.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private string Nick => fx.Server.Library.NickName;

    [Fact]
    public async Task Creating_an_album_in_a_folder_answers_201_with_the_album_and_a_clash_is_409()
    {
        var (response, body) = await PostJsonAsync($"/api/v2/folder/user/{Nick}/Travel!albums", new { Name = "Client picks", UrlName = "Client-picks", Privacy = "Unlisted" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(201, body.GetProperty("Code").GetInt32());
        Assert.Equal("POST", body.GetProperty("Request").GetProperty("Method").GetString());
        Assert.Equal("Album", body.GetProperty("Response").GetProperty("Locator").GetString());
        var album = body.GetProperty("Response").GetProperty("Album");
        Assert.Equal("Client picks", album.GetProperty("Name").GetString());
        Assert.Equal("Unlisted", album.GetProperty("Privacy").GetString());
        Assert.Equal("/Travel/Client-picks", album.GetProperty("UrlPath").GetString());
        var key = album.GetProperty("AlbumKey").GetString()!;
        Assert.Equal("Travel", fx.Server.Library.FindAlbum(key)!.Parent!.Name);

        var (listed, list) = await fx.GetJsonAsync($"/api/v2/folder/user/{Nick}/Travel!albums");
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Contains(list.GetProperty("Response").GetProperty("Album").EnumerateArray(), a => a.GetProperty("AlbumKey").GetString() == key);

        var (again, error) = await PostJsonAsync($"/api/v2/folder/user/{Nick}/Travel!albums", new { Name = "Other", UrlName = "Client-picks" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(409, error.GetProperty("Code").GetInt32());

        var (bad, _) = await PostJsonAsync($"/api/v2/folder/user/{Nick}!albums", new { Name = "No url name" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var (unknown, _) = await PostJsonAsync($"/api/v2/folder/user/{Nick}/Nowhere!albums", new { Name = "X", UrlName = "X" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Collecting_adds_existing_images_from_the_json_body_only()
    {
        var lib = fx.Server.Library;
        var target = lib.AddAlbum(lib.Root, "Collect target");
        var sunsets = lib.FindAlbumByName("Sunsets")!;
        var picks = sunsets.Images.Take(3).ToList();
        var uris = string.Join(',', picks.Select(i => $"/api/v2/image/{i.ImageKey}"));

        var (refused, refusal) = await PostJsonAsync($"/api/v2/album/{target.AlbumKey}!collectimages?CollectUris={Uri.EscapeDataString(uris)}", new { });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("body", refusal.GetProperty("Message").GetString(), StringComparison.Ordinal);

        var (response, body) = await PostJsonAsync($"/api/v2/album/{target.AlbumKey}!collectimages", new { CollectUris = uris });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, body.GetProperty("Response").GetProperty("AlbumImage").GetArrayLength());
        Assert.Equal(picks.Select(p => p.ImageKey), target.Collected.Select(i => i.ImageKey));
        Assert.Equal(11, sunsets.Images.Count); // collected, not moved

        var (listed, list) = await fx.GetJsonAsync($"/api/v2/album/{target.AlbumKey}!images");
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(picks.Select(p => p.ImageKey), list.GetProperty("Response").GetProperty("AlbumImage").EnumerateArray().Select(i => i.GetProperty("ImageKey").GetString()));

        var (missing, _) = await PostJsonAsync($"/api/v2/album/{target.AlbumKey}!collectimages", new { CollectUris = "/api/v2/image/NoSuchKey" });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(3, target.Collected.Count);
    }

    [Fact]
    public async Task Writes_need_the_modify_permission_and_a_valid_signature()
    {
        var lib = fx.Server.Library;
        var target = lib.AddAlbum(lib.Root, "Read only target");
        var image = lib.FindAlbumByName("Sunsets")!.Images[0];
        var readOnly = fx.Signer(permissions: OAuth.PermissionLevel.Read);

        var (create, body) = await PostJsonAsync($"/api/v2/folder/user/{Nick}!albums", new { Name = "Nope", UrlName = "Nope" }, readOnly);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal("The user has not granted the required permissions", body.GetProperty("Message").GetString());
        var (collect, _) = await PostJsonAsync($"/api/v2/album/{target.AlbumKey}!collectimages", new { CollectUris = $"/api/v2/image/{image.ImageKey}" }, readOnly);
        Assert.Equal(HttpStatusCode.Forbidden, collect.StatusCode);
        Assert.Empty(target.Collected);

        var forged = fx.Signer();
        forged.TokenSecret = "wrong";
        var (unsigned, _) = await PostJsonAsync($"/api/v2/album/{target.AlbumKey}!collectimages", new { CollectUris = $"/api/v2/image/{image.ImageKey}" }, forged);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Empty(target.Collected);
    }
}
