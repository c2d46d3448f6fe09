using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace TargetVision.Api.Features.Ai;

/// <summary>
/// Embeds search queries, reusing a query's vector for a few minutes: paging through results or refining filters
/// repeats the same text, and the local model is the slowest step of a search.
/// </summary>
public sealed class QueryEmbeddingCache(IEmbeddingGenerator<string, Embedding<float>> generator, IOptions<AiOptions> options) : IDisposable
{
    // Its own bounded cache: a few hundred recent queries at 1.5 KB each, never crowding out other cache users.
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 500 });

    public async Task<ReadOnlyMemory<float>> EmbedAsync(string query, CancellationToken ct)
    {
        var key = (nameof(QueryEmbeddingCache), query.Trim());
        if (cache.TryGetValue(key, out ReadOnlyMemory<float> vector))
        {
            return vector;
        }
        vector = await generator.GenerateVectorAsync(key.Item2, cancellationToken: ct);
        cache.Set(key, vector, new MemoryCacheEntryOptions
        {
            AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(options.Value.QueryEmbeddingCacheSeconds),
            Size = 1,
        });
        return vector;
    }

    public void Dispose() => cache.Dispose();
}
