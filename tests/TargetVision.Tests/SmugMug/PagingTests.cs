using FakeSmugMug.Model;
using FakeSmugMug.Seeds;

namespace TargetVision.Tests.SmugMug;

public sealed class LargeLibraryFixture : SmugMugFixture
{
    protected override FakeLibrary CreateLibrary() => LibraryGenerator.Generate(new LibraryGeneratorOptions
    {
        TotalPhotos = 1_400,
        AlbumCount = 130,
        MaxPhotosPerAlbum = 1_200,
        WideFolderChildren = 120,
    });
}

/// <summary>Every page, never just the first 100: a folder with 120 children and an album with more than 1,000 photos.</summary>
public class PagingTests(LargeLibraryFixture fixture) : IClassFixture<LargeLibraryFixture>
{
    [Fact]
    public async Task Lists_all_children_of_a_wide_folder()
    {
        using var session = await fixture.OwnerSessionAsync();
        var wide = fixture.Fake.Library.FindFolderByName("Wide Folder")!;
        var listing = await session.GetJsonAsync($"/api/smugmug/nodes/{wide.NodeId}");
        Assert.Equal(wide.Children.Count, listing.GetProperty("children").GetArrayLength());
        Assert.True(wide.Children.Count > 100);
    }

    [Fact]
    public async Task Syncs_every_photo_of_a_large_album_in_few_requests()
    {
        using var session = await fixture.OwnerSessionAsync();
        var big = fixture.Fake.Library.Albums().OrderByDescending(a => a.Images.Count).First();
        Assert.True(big.Images.Count > 1_000);
        fixture.Fake.Requests.Reset();

        await SyncWaiter.SyncAsync(session, new { scope = "album", albumKey = big.AlbumKey }, fixture.Database);

        var count = await fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM photos p JOIN albums a ON a.id = p.album_id WHERE a.album_key = @k AND p.deleted_at IS NULL", ("k", big.AlbumKey));
        Assert.Equal(big.Images.Count, count);
        var pages = (big.Images.Count + 99) / 100;
        Assert.Equal(pages, fixture.Fake.Requests["GET /api/v2/album/{key}!images"]);
        Assert.Equal(0, fixture.Fake.Requests.Matching("!sizedetails"));
    }
}
