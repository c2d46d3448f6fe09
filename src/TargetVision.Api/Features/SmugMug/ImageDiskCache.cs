using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace TargetVision.Api.Features.SmugMug;

/// <summary>
/// A bounded on-disk cache of image renditions, keyed by what identifies them (image key, serial, size), so a
/// replaced photo (new serial) never serves stale bytes. Hits refresh the file's timestamp; past the size cap the
/// oldest files go first (LRU-ish, good enough for thumbnails). Concurrent misses for one key may both fetch — the
/// last write wins and the bytes are the same.
/// </summary>
public sealed class ImageDiskCache(IOptions<ImageCacheOptions> options, ILogger<ImageDiskCache> logger)
{
    private readonly Lock evictionLock = new();
    private long hits;
    private long misses;
    private long approximateBytes = -1;

    public long Hits => Interlocked.Read(ref hits);
    public long Misses => Interlocked.Read(ref misses);

    private string Root => Path.Combine(options.Value.CacheDirectory, "images");

    public async Task<CachedImage> GetOrAddAsync(string key, Func<CancellationToken, Task<(byte[] Bytes, string ContentType)>> fetch, CancellationToken ct)
    {
        var (hash, path) = Locate(key);
        var etag = "\"" + hash[..32] + "\"";
        if (await TryReadAsync(path, ct) is { } cached)
        {
            Interlocked.Increment(ref hits);
            return new CachedImage(cached.Bytes, cached.ContentType, etag);
        }
        Interlocked.Increment(ref misses);
        var (bytes, contentType) = await fetch(ct);
        await WriteAsync(path, bytes, contentType, ct);
        return new CachedImage(bytes, contentType, etag);
    }

    /// <summary>Whether the bytes for a key are on disk now (they may still be evicted before they are read).</summary>
    public bool Contains(string key) => File.Exists(Locate(key).Path);

    private (string Hash, string Path) Locate(string key)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return (hash, Path.Combine(Root, hash[..2], hash + ".img"));
    }

    public (long Bytes, int Files) Measure()
    {
        if (!Directory.Exists(Root))
        {
            return (0, 0);
        }
        var files = new DirectoryInfo(Root).EnumerateFiles("*.img", SearchOption.AllDirectories).ToList();
        var total = files.Sum(f => f.Length);
        Interlocked.Exchange(ref approximateBytes, total);
        return (total, files.Count);
    }

    public void Clear()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
        Interlocked.Exchange(ref approximateBytes, 0);
        Interlocked.Exchange(ref hits, 0);
        Interlocked.Exchange(ref misses, 0);
    }

    private static async Task<(byte[] Bytes, string ContentType)?> TryReadAsync(string path, CancellationToken ct)
    {
        try
        {
            var data = await File.ReadAllBytesAsync(path, ct);
            var newline = Array.IndexOf(data, (byte)'\n');
            if (newline <= 0)
            {
                return null;
            }
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
            return (data[(newline + 1)..], Encoding.ASCII.GetString(data, 0, newline));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private async Task WriteAsync(string path, byte[] bytes, string contentType, CancellationToken ct)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // Write to a temporary name and rename, so a reader never sees half a file.
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await using (var file = File.Create(temp))
            {
                await file.WriteAsync(Encoding.ASCII.GetBytes(contentType + "\n"), ct);
                await file.WriteAsync(bytes, ct);
            }
            File.Move(temp, path, overwrite: true);
            if (Interlocked.Read(ref approximateBytes) < 0)
            {
                Measure();
            }
            if (Interlocked.Add(ref approximateBytes, bytes.Length) > options.Value.CacheMaxBytes)
            {
                Evict();
            }
        }
        catch (IOException e)
        {
            // A full or read-only disk must not break image serving: the bytes are returned uncached.
            logger.LogWarning(e, "Could not write the image cache at {Path}", path);
        }
    }

    private void Evict()
    {
        lock (evictionLock)
        {
            var files = new DirectoryInfo(Root).EnumerateFiles("*.img", SearchOption.AllDirectories)
                .OrderBy(f => f.LastWriteTimeUtc).ToList();
            var total = files.Sum(f => f.Length);
            var target = options.Value.CacheMaxBytes * 9 / 10;
            foreach (var file in files)
            {
                if (total <= target)
                {
                    break;
                }
                try
                {
                    total -= file.Length;
                    file.Delete();
                }
                catch (IOException)
                {
                    // Being read right now; it goes next time.
                }
            }
            Interlocked.Exchange(ref approximateBytes, total);
        }
    }
}
