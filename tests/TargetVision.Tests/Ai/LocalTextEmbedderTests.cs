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
