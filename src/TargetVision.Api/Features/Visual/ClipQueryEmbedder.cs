using TargetVision.Api.Features.Search;

namespace TargetVision.Api.Features.Visual;

/// <summary>Search's picture signal: the query embedded with the model's text encoder, compared with image_embeddings.</summary>
public sealed class ClipQueryEmbedder(VisualModel model) : IVisualQueryEmbedder
{
    public const string EmbeddingTable = "image_embeddings";

    public string Table => EmbeddingTable;

    public string ModelId => model.ModelId;

    public bool Available => model.TextSearchAvailable;

    public Task<float[]> EmbedAsync(string query, CancellationToken cancellationToken) =>
        Task.Run(() => model.TextEncoder().Embed([query])[0], cancellationToken);
}
