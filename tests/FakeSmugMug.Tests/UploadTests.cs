using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FakeSmugMug.Seeds;
using SkiaSharp;

namespace FakeSmugMug.Tests;

/// <summary>
/// The uploader as SmugMug documents it: POST / with the raw bytes, OAuth in the Authorization header (body unsigned),
/// X-Smug-* metadata, Content-MD5 checked; the new image shows in the album with renditions made from its pixels.
/// </summary>
public sealed class UploadTests(ServerFixture fx) : IClassFixture<ServerFixture>, IDisposable
{
    // Non-ASCII captions travel as raw UTF-8 header bytes, as real uploaders send them.
    private readonly HttpClient utf8Http = new(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 });

    public void Dispose() => utf8Http.Dispose();

    private static byte[] RedJpeg(int width = 1200, int height = 800)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(new SKColor(205, 30, 35));
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    private static string Md5Base64(byte[] bytes)
    {
#pragma warning disable CA5351 // The protocol's Content-MD5.
        return Convert.ToBase64String(MD5.HashData(bytes));
#pragma warning restore CA5351
    }

    private HttpRequestMessage Upload(byte[] bytes, string albumKey, TestSigner? signer, Action<HttpRequestMessage>? headers = null, string? md5 = null, string url = "/")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, fx.Server.BaseUrl + url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        request.Content.Headers.TryAddWithoutValidation("Content-MD5", md5 ?? Md5Base64(bytes));
        request.Headers.TryAddWithoutValidation("X-Smug-AlbumUri", $"/api/v2/album/{albumKey}");
        request.Headers.TryAddWithoutValidation("X-Smug-FileName", "harbour.jpg");
        request.Headers.TryAddWithoutValidation("X-Smug-ResponseType", "JSON");
        request.Headers.TryAddWithoutValidation("X-Smug-Version", "v2");
        headers?.Invoke(request);
        signer?.Sign(request);
        return request;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await utf8Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
        }
    }

    [Fact]
    public async Task A_signed_upload_appears_in_the_album_with_its_metadata_and_renditions_of_its_pixels()
    {
        var album = fx.Server.Library.AddAlbum(fx.Server.Library.Root, "Uploads");
        var (_, before) = await fx.GetJsonAsync($"/api/v2/album/{album.AlbumKey}");
        var stampBefore = before.GetProperty("Response").GetProperty("Album").GetProperty("ImagesLastUpdated").GetString();
        var bytes = RedJpeg();

        var (status, body) = await SendAsync(Upload(bytes, album.AlbumKey, fx.Signer(permissions: OAuth.PermissionLevel.Add), r =>
        {
            r.Headers.TryAddWithoutValidation("X-Smug-Title", "Ålesund harbour");
            r.Headers.TryAddWithoutValidation("X-Smug-Caption", "Boats at dusk");
            r.Headers.TryAddWithoutValidation("X-Smug-Keywords", "boats; harbour");
        }));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", body.GetProperty("stat").GetString());
        Assert.Equal("smugmug.images.upload", body.GetProperty("method").GetString());
        var uploaded = Assert.Single(album.Images);
        Assert.Equal($"/api/v2/image/{uploaded.ImageKey}-0", body.GetProperty("Image").GetProperty("ImageUri").GetString());
        Assert.Equal($"/api/v2/album/{album.AlbumKey}/image/{uploaded.ImageKey}-0", body.GetProperty("Image").GetProperty("AlbumImageUri").GetString());
        Assert.EndsWith($"/i-{uploaded.ImageKey}", body.GetProperty("Image").GetProperty("URL").GetString(), StringComparison.Ordinal);

        // The album lists it, its stamps moved, and the image carries the headers' metadata.
        var (_, after) = await fx.GetJsonAsync($"/api/v2/album/{album.AlbumKey}");
        var albumJson = after.GetProperty("Response").GetProperty("Album");
        Assert.Equal(1, albumJson.GetProperty("ImageCount").GetInt32());
        Assert.True(string.CompareOrdinal(albumJson.GetProperty("ImagesLastUpdated").GetString(), stampBefore) > 0);
        var (_, listing) = await fx.GetJsonAsync($"/api/v2/album/{album.AlbumKey}!images");
        var listed = Assert.Single(listing.GetProperty("Response").GetProperty("AlbumImage").EnumerateArray());
        Assert.Equal(uploaded.ImageKey, listed.GetProperty("ImageKey").GetString());
        Assert.Equal("harbour.jpg", listed.GetProperty("FileName").GetString());
        Assert.Equal("Ålesund harbour", listed.GetProperty("Title").GetString());
        Assert.Equal("Boats at dusk", listed.GetProperty("Caption").GetString());
        Assert.Equal(["boats", "harbour"], listed.GetProperty("KeywordArray").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(1200, listed.GetProperty("OriginalWidth").GetInt32());
        Assert.Equal(800, listed.GetProperty("OriginalHeight").GetInt32());
        Assert.Equal(bytes.Length, listed.GetProperty("ArchivedSize").GetInt64());
#pragma warning disable CA5351
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(bytes)), listed.GetProperty("ArchivedMD5").GetString());
#pragma warning restore CA5351

        // Renditions like the seeded images': the sizes !sizedetails reports, served with those lengths, from the upload's pixels.
        var (_, details) = await fx.GetJsonAsync($"/api/v2/image/{uploaded.ImageKey}-0!sizedetails");
        var sizes = details.GetProperty("Response").GetProperty("ImageSizeDetails");
        var medium = sizes.GetProperty("ImageSizeMedium");
        var mediumBytes = await fx.Http.GetByteArrayAsync(medium.GetProperty("Url").GetString());
        Assert.Equal(medium.GetProperty("Size").GetInt64(), mediumBytes.Length);
        using (var decoded = SKBitmap.Decode(mediumBytes))
        {
            Assert.Equal(medium.GetProperty("Width").GetInt32(), decoded.Width);
            Assert.Equal(medium.GetProperty("Height").GetInt32(), decoded.Height);
            var centre = decoded.GetPixel(decoded.Width / 2, decoded.Height / 2);
            Assert.True(centre.Red > 180 && centre.Green < 70 && centre.Blue < 70, $"not the uploaded red: {centre}");
        }

        var original = sizes.GetProperty("ImageSizeOriginal");
        Assert.Equal(bytes.Length, original.GetProperty("Size").GetInt64());
        Assert.Equal(bytes, await fx.Http.GetByteArrayAsync(original.GetProperty("Url").GetString()));
    }

    [Fact]
    public async Task A_wrong_md5_a_missing_album_and_a_file_that_is_no_image_are_refused_with_stat_fail()
    {
        var album = fx.Server.Library.AddAlbum(fx.Server.Library.Root, "Refusals");
        var bytes = RedJpeg(300, 200);

        var (status, body) = await SendAsync(Upload(bytes, album.AlbumKey, fx.Signer(), md5: Md5Base64([.. bytes, 0])));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("fail", body.GetProperty("stat").GetString());
        Assert.Equal("smugmug.images.upload", body.GetProperty("method").GetString());
        Assert.Equal(5, body.GetProperty("code").GetInt32());
        Assert.Contains("Content-MD5", body.GetProperty("message").GetString(), StringComparison.Ordinal);

        (status, body) = await SendAsync(Upload(bytes, "NoSuchAlbum", fx.Signer()));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(9, body.GetProperty("code").GetInt32());

        var text = Encoding.UTF8.GetBytes("not a photo");
        (status, body) = await SendAsync(Upload(text, album.AlbumKey, fx.Signer()));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(64, body.GetProperty("code").GetInt32());

        // A hex digest (what many clients send) is checked as well as the documented base64 form.
#pragma warning disable CA5351
        var hex = Convert.ToHexStringLower(MD5.HashData(bytes));
#pragma warning restore CA5351
        (_, body) = await SendAsync(Upload(bytes, album.AlbumKey, fx.Signer(), md5: hex));
        Assert.Equal("ok", body.GetProperty("stat").GetString());
        Assert.Single(album.Images);
    }

    [Fact]
    public async Task Unsigned_badly_signed_query_signed_and_read_only_uploads_are_refused()
    {
        var album = fx.Server.Library.AddAlbum(fx.Server.Library.Root, "Locked");
        var bytes = RedJpeg(300, 200);

        var (status, body) = await SendAsync(Upload(bytes, album.AlbumKey, signer: null));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("fail", body.GetProperty("stat").GetString());

        var forged = fx.Signer();
        forged.TokenSecret = "not the secret";
        (status, _) = await SendAsync(Upload(bytes, album.AlbumKey, forged));
        Assert.Equal(HttpStatusCode.Unauthorized, status);

        // A correct signature over OAuth parameters sent in the query string: the uploader reads the header only.
        var signer = fx.Signer();
        using (var probe = new HttpRequestMessage(HttpMethod.Post, fx.Server.BaseUrl + "/"))
        {
            signer.Sign(probe);
            var query = string.Join('&', OAuth.OAuthRequest.ParseAuthorizationHeader(probe.Headers.Authorization!.Parameter!)
                .Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
            (status, body) = await SendAsync(Upload(bytes, album.AlbumKey, signer: null, url: "/?" + query));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("Authorization header", body.GetProperty("message").GetString(), StringComparison.Ordinal);

        (status, body) = await SendAsync(Upload(bytes, album.AlbumKey, fx.Signer(permissions: OAuth.PermissionLevel.Read)));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("The user has not granted the required permissions", body.GetProperty("message").GetString());
        Assert.Empty(album.Images);
    }

    [Fact]
    public async Task The_demo_scripts_sign_an_upload_and_a_get_the_fake_accepts()
    {
        await using var server = await FakeSmugMugServer.StartAsync(new FakeSmugMugOptions { Library = LibrarySeeds.Small() });
        server.Tokens.Register("script-token", "script-secret", OAuth.OAuthGrant.FullModify);
        var album = server.Library.FindAlbumByName("Sunsets")!;
        var count = album.Images.Count;
        var file = Path.Combine(Path.GetTempPath(), $"demo-upload-{Guid.NewGuid():N}.jpg");
        await File.WriteAllBytesAsync(file, RedJpeg(640, 480));
        try
        {
            var (exit, stdout, stderr) = await RunScriptAsync(server, "demo-upload.sh", file, album.AlbumKey, "Red harbour", "Uploaded by the script");
            Assert.True(exit == 0, $"exit {exit.ToString(CultureInfo.InvariantCulture)}: {stdout} {stderr}");
            Assert.Contains("\"stat\":\"ok\"", stdout, StringComparison.Ordinal);
            Assert.Equal(count + 1, album.Images.Count);
            var uploaded = album.Images[^1];
            Assert.Equal("Red harbour", uploaded.Title);
            Assert.Equal("Uploaded by the script", uploaded.Caption);

            (exit, stdout, stderr) = await RunScriptAsync(server, "demo-smugmug-get.sh", $"/api/v2/image/{uploaded.ImageKey}");
            Assert.True(exit == 0, $"exit {exit.ToString(CultureInfo.InvariantCulture)}: {stdout} {stderr}");
            var image = JsonDocument.Parse(stdout).RootElement.GetProperty("Response").GetProperty("Image");
            Assert.Equal("Uploaded by the script", image.GetProperty("Caption").GetString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunScriptAsync(FakeSmugMugServer server, string script, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "scripts", script));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["FAKE_SMUGMUG_URL"] = server.BaseUrl;
        start.Environment["FAKE_SMUGMUG_SEED_TOKEN"] = "script-token";
        start.Environment["FAKE_SMUGMUG_SEED_TOKEN_SECRET"] = "script-secret";
        start.Environment["FAKE_SMUGMUG_CONSUMER_KEY"] = server.ConsumerKey;
        start.Environment["FAKE_SMUGMUG_CONSUMER_SECRET"] = server.ConsumerSecret;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TargetVision.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("TargetVision.slnx not found above " + AppContext.BaseDirectory);
    }
}
