using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using TargetVision.Api.Features.Processing;

namespace TargetVision.Api.Features.Search;

/// <summary>Embeds a search query into the space of a stored embedding table.</summary>
public interface ISearchQueryEmbedder
{
    /// <summary>The model id stored with the photo embeddings this query is compared to.</summary>
    string ModelId { get; }

    Task<float[]> EmbedAsync(string query, CancellationToken cancellationToken);
}

/// <summary>
/// The picture signal: CLIP text→image search. Nothing implements it until CLIP image embeddings exist; without a
/// registration the visual signal is simply absent (hybrid drops it, mode=visual says it is not available).
/// </summary>
public interface IVisualQueryEmbedder : ISearchQueryEmbedder
{
    /// <summary>The table of (photo_id, model, embedding) image embeddings.</summary>
    string Table { get; }
}

/// <summary>
/// SEAM (query embedding): today the Processing feature's local MiniLM embedder, the same model that embedded the
/// descriptions. When the AI layer's IEmbeddingGenerator lands, only this class changes.
/// </summary>
public sealed class MiniLmQueryEmbedder(TextEmbedder embedder) : ISearchQueryEmbedder
{
    public string ModelId => TextEmbedder.ModelId;

    public Task<float[]> EmbedAsync(string query, CancellationToken cancellationToken) => embedder.EmbedAsync(query, cancellationToken);
}

/// <summary>
/// Keeps query vectors briefly: typing, paging and changing filters repeat the same text, and an embedding costs
/// milliseconds of CPU that a dictionary lookup does not.
/// </summary>
public sealed class QueryVectorCache(IOptions<SearchOptions> options) : IDisposable
{
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.QueryCacheEntries) });

    public async Task<(float[] Vector, bool Cached)> GetAsync(ISearchQueryEmbedder embedder, string query, CancellationToken cancellationToken)
    {
        var key = (embedder.ModelId, query);
        if (cache.TryGetValue(key, out float[]? hit) && hit is not null)
        {
            return (hit, true);
        }
        var vector = await embedder.EmbedAsync(query, cancellationToken);
        cache.Set(key, vector, new MemoryCacheEntryOptions
        {
            Size = 1,
            AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(Math.Max(1, options.Value.QueryCacheSeconds)),
        });
        return (vector, false);
    }

    public void Dispose() => cache.Dispose();
}
