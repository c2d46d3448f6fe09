using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Hybrid;

namespace TargetVision.Api.Features.SmugMug;

/// <summary>
/// HybridCache for SmugMug listings (memory, plus Redis when configured), tagged so one call clears them all, with
/// the counters <c>GET /api/cache/status</c> reports: hits and misses on this replica, and the entries this replica
/// wrote that have not expired yet (HybridCache itself exposes no counts).
/// </summary>
public sealed class ListingCache(HybridCache cache, TimeProvider clock)
{
    public const string Tag = "smugmug";
    private readonly ConcurrentDictionary<string, DateTimeOffset> written = new(StringComparer.Ordinal);
    private long hits;
    private long misses;

    public long Hits => Interlocked.Read(ref hits);
    public long Misses => Interlocked.Read(ref misses);

    public int Entries
    {
        get
        {
            var now = clock.GetUtcNow();
            return written.Count(e => e.Value > now);
        }
    }

    public async Task<T> GetOrCreateAsync<T>(string key, TimeSpan ttl, Func<CancellationToken, Task<T>> factory, CancellationToken ct)
    {
        var created = false;
        var value = await cache.GetOrCreateAsync(key, async token =>
        {
            created = true;
            return await factory(token);
        }, new HybridCacheEntryOptions { Expiration = ttl, LocalCacheExpiration = ttl }, [Tag], ct);
        if (created)
        {
            Interlocked.Increment(ref misses);
            written[key] = clock.GetUtcNow() + ttl;
        }
        else
        {
            Interlocked.Increment(ref hits);
        }
        return value;
    }

    public async Task ClearAsync(CancellationToken ct)
    {
        await cache.RemoveByTagAsync(Tag, ct);
        written.Clear();
        Interlocked.Exchange(ref hits, 0);
        Interlocked.Exchange(ref misses, 0);
    }
}
