using System.Net;
using FakeSmugMug.Model;

namespace FakeSmugMug.Tests;

public sealed class PagingTests(GeneratedLibraryFixture fx) : IClassFixture<GeneratedLibraryFixture>
{
    private FakeFolder Wide => fx.Server.Library.FindFolderByName("Wide Folder")!;

    [Fact]
    public async Task Children_are_paged_with_NextPage_absent_on_the_last_page()
    {
        var (r1, b1) = await fx.GetJsonAsync($"/api/v2/node/{Wide.NodeId}!children?start=1&count=100");
        Assert.Equal(HttpStatusCode.OK, r1.StatusCode);
        var response = b1.GetProperty("Response");
        Assert.Equal("Node", response.GetProperty("Locator").GetString());
        Assert.Equal("Objects", response.GetProperty("LocatorType").GetString());
        Assert.Equal(100, response.GetProperty("Node").GetArrayLength());
        var pages = response.GetProperty("Pages");
        Assert.Equal(130, pages.GetProperty("Total").GetInt32());
        var next = pages.GetProperty("NextPage").GetString()!;
        Assert.Contains("start=101", next, StringComparison.Ordinal);

        var (_, b2) = await fx.GetJsonAsync(next);
        var page2 = b2.GetProperty("Response");
        Assert.Equal(30, page2.GetProperty("Node").GetArrayLength());
        Assert.False(page2.GetProperty("Pages").TryGetProperty("NextPage", out _));
        Assert.True(page2.GetProperty("Pages").TryGetProperty("PrevPage", out _));
    }

    [Fact]
    public async Task Count_is_clamped_to_100()
    {
        var (_, body) = await fx.GetJsonAsync($"/api/v2/node/{Wide.NodeId}!children?count=500");
        var pages = body.GetProperty("Response").GetProperty("Pages");
        Assert.Equal(100, pages.GetProperty("Count").GetInt32());
        Assert.Equal(500, pages.GetProperty("RequestedCount").GetInt32());
    }

    [Fact]
    public async Task Album_nodes_have_no_AlbumKey_but_link_to_the_album()
    {
        var (_, body) = await fx.GetJsonAsync($"/api/v2/node/{Wide.NodeId}!children?count=5");
        var node = body.GetProperty("Response").GetProperty("Node")[0];
        Assert.Equal("Album", node.GetProperty("Type").GetString());
        Assert.False(node.TryGetProperty("AlbumKey", out _));
        Assert.Equal(System.Text.Json.JsonValueKind.Array, node.GetProperty("Keywords").ValueKind);
        var albumUri = node.GetProperty("Uris").GetProperty("Album").GetProperty("Uri").GetString()!;
        Assert.NotNull(fx.Server.Library.FindAlbum(albumUri.Split('/')[^1]));
    }

    [Fact]
    public async Task Parents_list_self_first_and_root_last()
    {
        var album = fx.Server.Library.Albums().First(a => a.Parent!.Parent is { } gp && !gp.IsRoot);
        var (_, body) = await fx.GetJsonAsync($"/api/v2/node/{album.NodeId}!parents?count=100");
        var nodes = body.GetProperty("Response").GetProperty("Node");
        Assert.Equal(album.NodeId, nodes[0].GetProperty("NodeID").GetString());
        var root = nodes[nodes.GetArrayLength() - 1];
        Assert.True(root.GetProperty("IsRoot").GetBoolean());
        Assert.Equal(string.Empty, root.GetProperty("Name").GetString());
    }

    [Fact]
    public async Task Empty_album_has_no_payload_key_and_big_album_pages_through()
    {
        var empty = fx.Server.Library.FindAlbumByName("Empty Album")!;
        var (_, body) = await fx.GetJsonAsync($"/api/v2/album/{empty.AlbumKey}!images?count=100");
        var response = body.GetProperty("Response");
        Assert.False(response.TryGetProperty("AlbumImage", out _));
        Assert.Equal(0, response.GetProperty("Pages").GetProperty("Total").GetInt32());

        var big = fx.Server.Library.Albums().MaxBy(a => a.Images.Count)!;
        Assert.Equal(2000, big.Images.Count);
        var keys = new HashSet<string>();
        string? next = $"/api/v2/album/{big.AlbumKey}!images?start=1&count=100&_filter=ImageKey";
        while (next is not null)
        {
            var (_, page) = await fx.GetJsonAsync(next);
            var r = page.GetProperty("Response");
            foreach (var img in r.GetProperty("AlbumImage").EnumerateArray())
            {
                keys.Add(img.GetProperty("ImageKey").GetString()!);
            }

            next = r.GetProperty("Pages").TryGetProperty("NextPage", out var n) ? n.GetString() : null;
        }

        Assert.Equal(2000, keys.Count);
    }

    [Fact]
    public async Task Generated_library_has_unicode_long_names_and_photos_without_capture_date()
    {
        var lib = fx.Server.Library;
        Assert.Equal(3001, lib.ImageCount);
        Assert.Contains(lib.Albums(), a => a.Name.Length >= 200);
        Assert.Contains(lib.Albums(), a => a.Name.Any(c => c > 127));
        Assert.Contains(lib.Images(), i => i.DateTimeOriginal is null);
        Assert.Contains(lib.Albums(), a => a.IsSystemAlbum);
        var (_, body) = await fx.GetJsonAsync($"/api/v2/user/{lib.NickName}!albums?count=100");
        Assert.DoesNotContain(body.GetProperty("Response").GetProperty("Album").EnumerateArray(), a => a.GetProperty("Name").GetString() == "Profile Photos");
    }

    [Fact]
    public void Ten_thousand_photo_library_builds_fast_and_deterministically()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var a = Seeds.LibrarySeeds.Large();
        watch.Stop();
        var b = Seeds.LibrarySeeds.Large();
        Assert.True(a.ImageCount >= 10_000, $"{a.ImageCount} photos");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
        Assert.Equal(a.Images().Select(i => i.ImageKey), b.Images().Select(i => i.ImageKey));
    }
}
