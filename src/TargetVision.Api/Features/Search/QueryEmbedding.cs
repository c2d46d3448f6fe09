using TargetVision.Api.Features.Ai;

namespace TargetVision.Api.Features.Search;

/// <summary>Embeds a search query into the space of a stored embedding table.</summary>
public interface ISearchQueryEmbedder
{
    /// <summary>The model id stored with the photo embeddings this query is compared to.</summary>
    string ModelId { get; }

    Task<float[]> EmbedAsync(string query, CancellationToken cancellationToken);
}

/// <summary>
/// The picture signal: CLIP text→image search (implemented by the Visual feature). While it is not available (no
/// model installed, or an image-only model) the visual signal is simply absent: hybrid drops it, mode=visual says so.
/// </summary>
public interface IVisualQueryEmbedder : ISearchQueryEmbedder
{
    /// <summary>The table of (photo_id, model, embedding) image embeddings.</summary>
    string Table { get; }

    /// <summary>Whether queries can be embedded now (checked per search: a model can be installed at run time).</summary>
    bool Available { get; }
}

/// <summary>
/// The text signal's query side goes through the AI layer's query embedding (the same local MiniLM generator that
/// embedded the descriptions), whose short-lived cache serves the repeats of typing, paging and filter changes.
/// </summary>
public sealed class MiniLmQueryEmbedder(QueryEmbeddingCache queries) : ISearchQueryEmbedder
{
    public string ModelId => LocalTextEmbedder.ModelId;

    public async Task<float[]> EmbedAsync(string query, CancellationToken cancellationToken) =>
        (await queries.EmbedAsync(query, cancellationToken)).ToArray();
}
