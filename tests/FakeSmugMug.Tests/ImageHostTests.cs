using System.Net;
using SkiaSharp;

namespace FakeSmugMug.Tests;

public sealed class ImageHostTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Every_reported_size_serves_a_jpeg_of_the_reported_dimensions_and_length()
    {
        var image = fx.Server.Library.FindAlbumByName("Vermont 2019")!.Images[1];
        var (_, body) = await fx.GetJsonAsync($"/api/v2/image/{image.ImageKey}-{image.Serial}!sizedetails");
        var details = body.GetProperty("Response").GetProperty("ImageSizeDetails");
        Assert.Contains("ImageSizeOriginal", details.GetProperty("UsableSizes").EnumerateArray().Select(s => s.GetString()));
        foreach (var name in details.GetProperty("UsableSizes").EnumerateArray().Select(s => s.GetString()!))
        {
            var size = details.GetProperty(name);
            var url = size.GetProperty("Url").GetString()!;
            Assert.StartsWith(fx.Server.ImageBaseUrl + "/i-" + image.ImageKey, url, StringComparison.Ordinal);
            using var response = await fx.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(size.GetProperty("Size").GetInt64(), bytes.Length);
            using var bitmap = SKBitmap.Decode(bytes);
            Assert.NotNull(bitmap);
            Assert.Equal(size.GetProperty("Width").GetInt32(), bitmap.Width);
            Assert.Equal(size.GetProperty("Height").GetInt32(), bitmap.Height);
        }
    }

    [Fact]
    public async Task Medium_size_fits_the_box_keeping_the_aspect_ratio_and_shows_the_dominant_colour()
    {
        var image = fx.Server.Library.FindAlbumByName("Sunsets")!.Images.First(i => i.OriginalWidth == 3000 && i.OriginalHeight == 2000);
        var bytes = await fx.Http.GetByteArrayAsync($"{fx.Server.ImageBaseUrl}/i-{image.ImageKey}/{image.Serial}/M/i-{image.ImageKey}-M.jpg");
        using var bitmap = SKBitmap.Decode(bytes);
        Assert.Equal(600, bitmap.Width);
        Assert.Equal(400, bitmap.Height);
        var expected = Images.ImageRenderer.ToSkColor(image.Color);
        var matching = 0;
        var total = 0;
        for (var y = 0; y < bitmap.Height; y += 10)
        {
            for (var x = 0; x < bitmap.Width; x += 10)
            {
                var p = bitmap.GetPixel(x, y);
                total++;
                if (Math.Abs(p.Red - expected.Red) + Math.Abs(p.Green - expected.Green) + Math.Abs(p.Blue - expected.Blue) < 120)
                {
                    matching++;
                }
            }
        }

        Assert.True(matching > total / 2, $"{matching}/{total} pixels near {image.Color}");
    }

    [Fact]
    public async Task Same_key_gives_identical_bytes_and_replacing_changes_the_url()
    {
        var image = fx.Server.Library.FindAlbumByName("Zürich ☕")!.Images[0];
        var url = $"{fx.Server.ImageBaseUrl}/i-{image.ImageKey}/{image.Serial}/S/i-{image.ImageKey}-S.jpg";
        var a = await fx.Http.GetByteArrayAsync(url);
        fx.Server.ImageCache.Clear();
        var b = await fx.Http.GetByteArrayAsync(url);
        Assert.Equal(a, b);

        fx.Server.Library.ReplaceImage(image);
        using var old = await fx.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
    }

    [Fact]
    public async Task Private_album_images_need_a_signed_request()
    {
        var image = fx.Server.Library.FindAlbumByName("Private Moments")!.Images[0];
        var url = $"{fx.Server.ImageBaseUrl}/i-{image.ImageKey}/{image.Serial}/Th/i-{image.ImageKey}-Th.jpg";
        using var unsigned = await fx.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        fx.Signer().Sign(request);
        using var signed = await fx.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
    }
}
