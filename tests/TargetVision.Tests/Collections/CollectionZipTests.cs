using System.IO.Compression;
using System.Net;
using System.Text;
using FakeSmugMug.Model;
using Microsoft.Extensions.DependencyInjection;
using TargetVision.Api.Features.Collections;

namespace TargetVision.Tests.Collections;

/// <summary>The streamed ZIP: entries equal SmugMug's originals, the manifest, missing originals, disconnects.</summary>
public class CollectionZipTests(CollectionsFixture fixture) : IClassFixture<CollectionsFixture>
{
    private async Task<byte[]> OriginalAsync(int photoId)
    {
        var template = await fixture.Database.ScalarAsync<string>($"SELECT size_url_template FROM photos WHERE id = {photoId}");
        using var http = new HttpClient();
        return await http.GetByteArrayAsync(template!.Replace("#size#", "O", StringComparison.Ordinal));
    }

    private static List<string[]> ReadCsv(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        var rows = new List<string[]>();
        foreach (var line in reader.ReadToEnd().Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            // Every field is quoted by the writer and the test data has no commas inside fields.
            rows.Add([.. line.Split("\",\"").Select(f => f.Trim('"'))]);
        }
        return rows;
    }

    [Fact]
    public async Task Zip_holds_the_originals_byte_for_byte_and_a_manifest_listing_the_missing_one()
    {
        using var session = await fixture.OwnerSessionAsync();
        var ids = await fixture.PhotoIdsAsync("Vermont 2019");
        var c = await CollectionsFixture.CreateAsync(session, "Zip: “Vermont/Fall” <1>", ids.Take(5));
        var id = c.GetProperty("id").GetInt32();
        await fixture.Database.ExecuteAsync($"UPDATE photos SET title = 'Same title' WHERE id IN ({ids[1]}, {ids[2]})");
        var expected = new Dictionary<int, byte[]>();
        foreach (var photo in ids.Take(4))
        {
            expected[photo] = await OriginalAsync(photo);
        }
        // The fifth photo vanishes on SmugMug after the last sync: its original cannot be fetched.
        var lostKey = await fixture.Database.ScalarAsync<string>($"SELECT image_key FROM photos WHERE id = {ids[4]}");
        var lib = fixture.Fake.Library;
        lib.DeleteImage(lib.FindImage(lostKey!)!);

        using var response = await session.Client.GetAsync($"/api/collections/{id}/download.zip");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        var plain = disposition.FileName!.Trim('"');
        Assert.DoesNotContain('/', plain);
        Assert.DoesNotContain('"', plain);
        Assert.True(plain.All(c => c is >= ' ' and <= '~'), plain);
        Assert.EndsWith(".zip", plain, StringComparison.Ordinal);
        Assert.Equal("Zip_ “Vermont_Fall” _1_.zip", disposition.FileNameStar);

        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Equal(5, names.Count);
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains("Same title.jpg", names);
        Assert.Contains("Same title (2).jpg", names);
        Assert.Equal(CollectionZipWriter.ManifestName, names[^1]);

        var manifest = ReadCsv(zip.GetEntry(CollectionZipWriter.ManifestName)!);
        Assert.Equal(["file", "status", "photo_id", "image_key", "title", "caption", "keywords", "description"], manifest[0].Select(h => h.TrimStart('\uFEFF')));
        Assert.Equal(6, manifest.Count);
        foreach (var photo in ids.Take(4))
        {
            var row = manifest.Single(r => r[2] == photo.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("ok", row[1]);
            await using var stream = zip.GetEntry(row[0])!.Open();
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Assert.Equal(expected[photo], copy.ToArray());
        }
        var covered = manifest.Single(r => r[2] == ids[0].ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Covered bridge", covered[4]);
        Assert.Equal("A red covered bridge over the river.", covered[5]);
        Assert.Equal("bridge; autumn", covered[6]);
        var lost = manifest.Single(r => r[3] == lostKey);
        Assert.Equal("", lost[0]);
        Assert.StartsWith("missing:", lost[1], StringComparison.Ordinal);
    }
}

/// <summary>500 photos of a few hundred kilobytes each, synced.</summary>
public sealed class BigCollectionFixture : CollectionsFixture
{
    public const int PhotoCount = 500;

    protected override bool RealServer => true;

    protected override FakeLibrary CreateLibrary()
    {
        var lib = new FakeLibrary("bulk", "Bulk Tester", keySeed: 5);
        var album = lib.AddAlbum(lib.Root, "Five hundred");
        for (var i = 0; i < PhotoCount; i++)
        {
            lib.AddImage(album, $"IMG_{i:0000}.jpg", image =>
            {
                // Big enough that a file dwarfs the per-request bookkeeping (~70 KB per photo, measured).
                image.OriginalWidth = 1400;
                image.OriginalHeight = 1050;
                image.Color = (PaletteColor)(i % 8);
            });
        }
        return lib;
    }
}

/// <summary>Alone: the allocation counter is process-wide, so no other test class may run meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ZipMemoryCollection
{
    public const string Name = "zip-memory";
}

[Collection(ZipMemoryCollection.Name)]
public class CollectionZipMemoryTests(BigCollectionFixture fixture) : IClassFixture<BigCollectionFixture>
{
    /// <summary>
    /// Streams the whole ZIP through a counting sink and measures what the process allocated meanwhile (every thread:
    /// the app, the fake SmugMug and this client share the process). Buffering the files would allocate at least the
    /// payload; streaming allocates per-request bookkeeping only, so the bound is a fraction of the payload.
    /// </summary>
    [Fact]
    public async Task A_500_photo_zip_streams_with_flat_memory()
    {
        using var session = await fixture.OwnerSessionAsync();
        var ids = await fixture.PhotoIdsAsync("Five hundred");
        var c = await CollectionsFixture.CreateAsync(session, "Five hundred", ids);
        var url = $"/api/collections/{c.GetProperty("id").GetInt32()}/download.zip";
        var payload = await fixture.Database.ScalarAsync<long>("SELECT sum(size_bytes)::bigint FROM photos");

        // First pass warms everything up (the fake renders each JPEG once, JIT, pools); the second is measured.
        var (warmBytes, _) = await DrainAsync(session, url);
        Assert.True(warmBytes > payload, $"ZIP of {warmBytes} bytes for {payload} bytes of originals");
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var (bytes, entries) = await DrainAsync(session, url);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(warmBytes, bytes);
        Assert.Equal(BigCollectionFixture.PhotoCount + 1, entries);
        Assert.True(allocated < payload / 2, $"allocated {allocated:N0} bytes while streaming {payload:N0} bytes of originals");
    }

    /// <summary>Reads the body through one reused buffer, keeping only the tail to read the entry count from the end record.</summary>
    private static async Task<(long Bytes, int Entries)> DrainAsync(ApiSession session, string url)
    {
        using var response = await session.Client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        var tail = new byte[22];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            total += read;
            if (read >= tail.Length)
            {
                Array.Copy(buffer, read - tail.Length, tail, 0, tail.Length);
            }
            else
            {
                Array.Copy(tail, read, tail, 0, tail.Length - read);
                Array.Copy(buffer, 0, tail, tail.Length - read, read);
            }
        }
        // End of central directory record (no comment): signature, then the total entry count at offset 10.
        Assert.Equal(0x06054b50u, BitConverter.ToUInt32(tail, 0));
        return (total, BitConverter.ToUInt16(tail, 10));
    }

    [Fact]
    public async Task Closing_the_connection_stops_fetching_originals()
    {
        using var session = await fixture.OwnerSessionAsync();
        var ids = await fixture.PhotoIdsAsync("Five hundred");
        var c = await CollectionsFixture.CreateAsync(session, "Zip: abandoned", ids);
        var monitor = fixture.App.Services.GetRequiredService<ZipDownloadMonitor>();
        var abortedBefore = monitor.AbortedCount;
        fixture.Fake.Requests.Reset();
        fixture.Fake.Faults.Latency = TimeSpan.FromMilliseconds(250);
        try
        {
            using var response = await session.Client.GetAsync($"/api/collections/{c.GetProperty("id").GetInt32()}/download.zip", HttpCompletionOption.ResponseHeadersRead);
            await using (var body = await response.Content.ReadAsStreamAsync())
            {
                var buffer = new byte[4096];
                Assert.True(await body.ReadAsync(buffer) > 0);
            }
            response.Dispose();

            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (monitor.AbortedCount == abortedBefore)
            {
                Assert.True(DateTime.UtcNow < deadline, "the server never noticed the closed connection");
                await Task.Delay(50);
            }
            var fetched = fixture.Fake.Requests.Matching("/photos/");
            Assert.InRange(fetched, 1, ids.Count - 5);
        }
        finally
        {
            fixture.Fake.Faults.Latency = TimeSpan.Zero;
        }
    }
}
