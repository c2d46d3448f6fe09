using System.Net;
using System.Text.Json;

namespace TargetVision.Tests.Search;

/// <summary>
/// GET /api/photos (browsing by filter: the search filters without words) and GET /api/library/albums (the pickers'
/// album list), against their own database so every count is known.
/// </summary>
public sealed class PhotoListApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly DateTimeOffset Day = new(2019, 10, 3, 12, 0, 0, TimeSpan.Zero);

    private static IEnumerable<int> Ids(JsonElement json) =>
        json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("photoId").GetInt32());

    [Fact]
    public async Task Filters_page_newest_capture_first_and_match_an_empty_search()
    {
        await using var data = new SearchData(fixture.Database.ConnectionString, embedder: null);
        var vermont = await data.AlbumAsync("pl-vt", "Vermont 2019", "Travel / USA");
        var zurich = await data.AlbumAsync("pl-zh", "Zürich", "Travel / Europe");
        var home = await data.AlbumAsync("pl-home", "Garden", "Home");
        var vt = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            vt.Add(await data.PhotoAsync(vermont, $"Leaves {i}", Day.AddDays(i), keywords: i % 2 == 0 ? ["foliage"] : ["bridge"]));
        }
        var zh1 = await data.PhotoAsync(zurich, "Lake", Day.AddYears(1));
        var zh2 = await data.PhotoAsync(zurich, "Old town", capturedAt: null);
        var video = await data.PhotoAsync(home, "Roses", Day.AddYears(2), video: true);
        await data.DescribeAsync(vt[0], "Red maple leaves.", ["maple"], approved: true, embed: false);
        await data.DescribeAsync(vt[1], "A covered bridge.", ["bridge"], embed: false);
        using var session = await fixture.OwnerSessionAsync();

        // Everything, newest capture first, undated last.
        var all = await session.GetJsonAsync("/api/photos");
        Assert.Equal(8, all.GetProperty("total").GetInt32());
        Assert.Equal([video, zh1, vt[4], vt[3], vt[2], vt[1], vt[0], zh2], Ids(all));
        Assert.Equal(1, all.GetProperty("page").GetInt32());
        Assert.Equal(50, all.GetProperty("pageSize").GetInt32());
        Assert.False(all.GetProperty("hasNext").GetBoolean());
        var first = all.GetProperty("items")[0];
        Assert.Equal("pl-home", first.GetProperty("albumKey").GetString());
        Assert.Equal("Roses", first.GetProperty("title").GetString());
        Assert.Equal($"/api/photos/{video}/thumbnail", first.GetProperty("thumbnailUrl").GetString());
        Assert.True(first.GetProperty("isVideo").GetBoolean());
        Assert.False(first.TryGetProperty("matched", out _));
        Assert.Equal([(2021, 1), (2020, 1), (2019, 5)],
            all.GetProperty("facets").GetProperty("years").EnumerateArray().Select(y => (y.GetProperty("year").GetInt32(), y.GetProperty("count").GetInt32())));

        // Pages are stable and never repeat.
        var page1 = await session.GetJsonAsync("/api/photos?pageSize=3");
        var page2 = await session.GetJsonAsync("/api/photos?pageSize=3&page=2");
        var page3 = await session.GetJsonAsync("/api/photos?pageSize=3&page=3");
        Assert.Equal(Ids(all), Ids(page1).Concat(Ids(page2)).Concat(Ids(page3)));
        Assert.Equal(3, page1.GetProperty("totalPages").GetInt32());
        Assert.True(page2.GetProperty("hasNext").GetBoolean());
        Assert.False(page3.GetProperty("hasNext").GetBoolean());

        async Task<IEnumerable<int>> List(string query) => Ids(await session.GetJsonAsync("/api/photos?" + query));
        Assert.Equal([zh1, zh2], await List("album=pl-zh"));
        Assert.Equal([zh1, vt[4], vt[3], vt[2], vt[1], vt[0], zh2], await List("folder=Travel"));
        Assert.Equal([zh1, zh2], await List("folder=Travel%20%2F%20Europe"));
        Assert.Equal([vt[2], vt[1]], await List("from=2019-10-04&to=2019-10-05"));
        Assert.Equal([vt[1], vt[0]], await List("status=completed"));
        Assert.Equal([vt[0]], await List("approved=true"));
        Assert.Equal([vt[4], vt[2], vt[0]], await List("keyword=foliage"));
        Assert.Equal([vt[3], vt[1]], await List("keyword=bridge&album=pl-vt"));
        Assert.Equal([video], await List("media=video"));
        Assert.Equal([vt[1], vt[0]], await List("hasDescription=true"));

        // The same implementation as a search without words: same photos, same order, same facets.
        foreach (var query in new[] { "", "folder=Travel", "keyword=foliage&keyword=bridge&keywordMode=any", "from=2019-01-01&to=2020-12-31" })
        {
            var listed = await session.GetJsonAsync("/api/photos?" + query);
            var searched = await session.GetJsonAsync("/api/search?q=&" + query);
            Assert.Equal(Ids(searched), Ids(listed));
            Assert.Equal(searched.GetProperty("total").GetInt32(), listed.GetProperty("total").GetInt32());
            Assert.Equal(searched.GetProperty("facets").ToString(), listed.GetProperty("facets").ToString());
        }

        // The photo detail route beside it still answers.
        var detail = await session.GetJsonAsync($"/api/photos/{zh1}");
        Assert.Equal("Lake", detail.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("from=2019-13-01", "from")]
    [InlineData("from=2020-01-02&to=2020-01-01", "to")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("page=-1", "page")]
    [InlineData("status=done", "status")]
    [InlineData("approved=yes", "approved")]
    [InlineData("media=gif", "media")]
    [InlineData("keywordMode=most", "keywordMode")]
    [InlineData("keyword=a%00b", "keyword")]
    [InlineData("folder=a%07b", "folder")]
    public async Task Bad_input_is_a_problem_naming_the_field(string query, string field)
    {
        using var session = await fixture.OwnerSessionAsync();
        var response = await session.Client.GetAsync(new Uri("/api/photos?" + query, UriKind.Relative));
        await ProblemAssert.IsValidationProblem(response, field);
    }

    [Fact]
    public async Task Listing_photos_and_albums_requires_the_owner()
    {
        using var anonymous = fixture.App.CreateSession();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.Client.GetAsync(new Uri("/api/photos", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.Client.GetAsync(new Uri("/api/library/albums", UriKind.Relative))).StatusCode);
    }
}

/// <summary>GET /api/library/albums, on its own database: exactly the synced albums.</summary>
public sealed class LibraryAlbumsApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_album_list_has_synced_albums_with_folders_and_photo_counts()
    {
        await using var data = new SearchData(fixture.Database.ConnectionString, embedder: null);
        await data.AlbumAsync("al-root", "Zebras");
        var album = await data.AlbumAsync("al-a", "Alps", "Trips / Europe");
        await data.PhotoAsync(album, "Peak");
        var gone = await data.PhotoAsync(album, "Deleted one");
        await data.ExecuteAsync("UPDATE photos SET deleted_at = now() WHERE id = @id", ("id", gone));
        var unsynced = await data.AlbumAsync("al-b", "Not synced yet");
        await data.ExecuteAsync("UPDATE albums SET synced_at = NULL WHERE id = @id", ("id", unsynced));
        var removed = await data.AlbumAsync("al-c", "Removed");
        await data.ExecuteAsync("UPDATE albums SET deleted_at = now() WHERE id = @id", ("id", removed));
        using var session = await fixture.OwnerSessionAsync();

        var albums = (await session.GetJsonAsync("/api/library/albums")).EnumerateArray().ToList();
        // Synced and present only, ordered by folder then name so a picker can group them as they come.
        Assert.Equal(["al-root", "al-a"], albums.Select(a => a.GetProperty("albumKey").GetString()));
        var alps = albums.Single(a => a.GetProperty("albumKey").GetString() == "al-a");
        Assert.Equal("Alps", alps.GetProperty("name").GetString());
        Assert.Equal("Trips / Europe", alps.GetProperty("folderPath").GetString());
        Assert.Equal(1, alps.GetProperty("photoCount").GetInt32());
    }
}
