using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TargetVision.Api.Features.Library;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Infrastructure.Jobs;

namespace TargetVision.Tests.SmugMug;

/// <summary>Processing's image contract served from the fake, including a private album (signed request).</summary>
public class PhotoImageSourceTests(SmugMugFixture fixture) : IClassFixture<SmugMugFixture>
{
    private async Task<Photo> InsertPhotoAsync(string albumName, int index = 0, string? sizeUrlTemplate = null)
    {
        var fakeAlbum = fixture.Fake.Library.FindAlbumByName(albumName)!;
        var image = fakeAlbum.Images[index];
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var album = await db.Set<Album>().SingleOrDefaultAsync(a => a.AlbumKey == fakeAlbum.AlbumKey)
            ?? db.Add(new Album { AlbumKey = fakeAlbum.AlbumKey, Name = fakeAlbum.Name }).Entity;
        var photo = new Photo
        {
            ImageKey = image.ImageKey,
            Album = album,
            Serial = image.Serial,
            Width = image.OriginalWidth,
            Height = image.OriginalHeight,
            SizeUrlTemplate = sizeUrlTemplate ?? $"{fixture.Smug.BaseUrl}/photos/i-{image.ImageKey}/{image.Serial}/#size#/i-{image.ImageKey}-#size#.jpg",
            UsableSizes = [.. FakeSmugMug.Api.ApiJson.UsableSizes(image).Select(size => size.Code)],
        };
        db.Add(photo);
        await db.SaveChangesAsync();
        return photo;
    }

    [Theory]
    [InlineData("Sunsets")]
    [InlineData("Private Moments")]
    public async Task Fetches_the_smallest_size_reaching_the_long_edge(string albumName)
    {
        var photo = await InsertPhotoAsync(albumName);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var source = scope.ServiceProvider.GetRequiredService<IPhotoImageSource>();

        var image = await source.GetImageAsync(photo, 1568, CancellationToken.None);

        // The smallest usable display size at or above 1568 px on the long edge, else the largest display size.
        var expected = photo.UsableSizes.Contains("X3") ? "X3" : photo.UsableSizes.Where(c => c != "O").Last();
        Assert.Equal(expected, image.SizeCode);
        Assert.Equal("image/jpeg", image.ContentType);
        Assert.True(Math.Max(image.Width, image.Height) <= Math.Max(photo.Width!.Value, photo.Height!.Value), $"{image.Width}x{image.Height}");
        Assert.Equal(0xFF, image.Bytes[0]);
        Assert.Equal(0xD8, image.Bytes[1]);
    }

    [Fact]
    public async Task A_refused_image_url_is_a_permanent_unavailability_that_fails_a_job_at_once()
    {
        var photo = await InsertPhotoAsync("Sunsets", index: 1, sizeUrlTemplate: "https://photos.example.net/i-x/#size#/i-x-#size#.jpg");
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var source = scope.ServiceProvider.GetRequiredService<IPhotoImageSource>();

        var error = await Assert.ThrowsAsync<PhotoImageUnavailableException>(() => source.GetImageAsync(photo, 1568, CancellationToken.None));

        Assert.False(error.IsTransient);
        Assert.StartsWith("Image URL refused", error.Message);
        Assert.IsType<PermanentJobException>(error.ForQueue());
        var transient = new PhotoImageUnavailableException("SmugMug: busy", isTransient: true, TimeSpan.FromSeconds(7));
        Assert.Equal(TimeSpan.FromSeconds(7), Assert.IsType<RetryLaterException>(transient.ForQueue()).RetryAfter);
    }
}
