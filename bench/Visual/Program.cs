using System.Diagnostics;
using SkiaSharp;
using TargetVision.Api.Features.Ai;
using TargetVision.Api.Integrations.Onnx;
using TargetVision.Testing;

// Visual search throughput on this machine: images per second through the product's preprocessing (decode, EXIF,
// Pillow bicubic, crop, normalise) and ONNX inference in batches, per stage, and the process memory with the model
// loaded. Models: the real ResNet18 shipped in a NuGet package (1.8 GFLOPs/image; CLIP ViT-B/32's vision tower is
// ≈ 4.4), the tiny generated CLIP-shaped model (preprocessing cost alone), and optionally a generated dense model
// with ViT-B/32's weight size (`dense`: memory only, its compute is a single matrix product).
//
// `text` measures the text side instead: MiniLM sentences per second through the product's LocalTextEmbedder (the
// model shipped in the image), and CLIP query latency through OnnxTextEncoder with a generated text model.
//
// dotnet run -c Release --project bench/Visual [images=64] [threads=2] [batch=16] [dense]
// dotnet run -c Release --project bench/Visual text [sentences=256] [queries=200]

if (args.FirstOrDefault() == "text")
{
    await TextBench.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 256,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 200);
    return;
}

var count = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 64;
var threads = args.Length > 1 && int.TryParse(args[1], out var t) ? t : 2;
var batch = args.Length > 2 && int.TryParse(args[2], out var b) ? b : 16;
var dense = args.Contains("dense");

// SmugMug's M rendition of a 3:2 photo: 600 × 400 JPEG with texture, as embedding jobs fetch it.
var jpegs = Enumerable.Range(0, count).Select(Photo).ToArray();
Console.WriteLine($"{count} JPEGs of 600×400 ({jpegs.Average(j => j.Length) / 1024:0} KB average), {threads} threads, batches of {batch}, {Environment.ProcessorCount} cores");

var directory = Directory.CreateTempSubdirectory("tv-visual-bench-").FullName;
try
{
    var tiny = Path.Combine(directory, "tiny.onnx");
    File.WriteAllBytes(tiny, TinyOnnxModels.Image(512));
    Run("tiny CLIP-shaped (preprocessing only)", tiny, new ModelDescriptor { Dimension = 512 });

    var resnet = Path.Combine(AppContext.BaseDirectory, "DnnImageModels", "ResNet18Onnx", "ResNet18.onnx");
    Run("ResNet18 (real weights)", resnet, new ModelDescriptor { Id = "resnet18", TextModel = "", Dimension = 512, Mean = [0.485f, 0.456f, 0.406f], Std = [0.229f, 0.224f, 0.225f] });

    if (dense)
    {
        var path = Path.Combine(directory, "dense.onnx");
        File.WriteAllBytes(path, TinyOnnxModels.DenseImage(512, 224));
        Run($"dense, {new FileInfo(path).Length / 1_000_000} MB of weights", path, new ModelDescriptor { Dimension = 512 });
    }
}
finally
{
    Directory.Delete(directory, recursive: true);
}

void Run(string name, string path, ModelDescriptor model)
{
    GC.Collect();
    var before = Process.GetCurrentProcess().WorkingSet64;
    using var encoder = new OnnxImageEncoder(path, model, new OnnxSessionSettings(threads, batch));
    var loaded = Process.GetCurrentProcess().WorkingSet64;
    var pre = encoder.Preprocessor;
    // Warm-up: first runs allocate arenas and JIT.
    encoder.Embed(pre.Preprocess(jpegs[0]), 1);

    var tensors = new float[pre.TensorLength * batch];
    double preprocessMs = 0, inferenceMs = 0;
    var watch = new Stopwatch();
    for (var first = 0; first < count; first += batch)
    {
        var size = Math.Min(batch, count - first);
        watch.Restart();
        for (var i = 0; i < size; i++)
        {
            pre.Preprocess(jpegs[first + i], tensors.AsSpan(i * pre.TensorLength, pre.TensorLength));
        }
        preprocessMs += watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        encoder.Embed(tensors, size);
        inferenceMs += watch.Elapsed.TotalMilliseconds;
    }
    var peak = Process.GetCurrentProcess().PeakWorkingSet64;
    Console.WriteLine($"{name}: {count / ((preprocessMs + inferenceMs) / 1000):0.0} images/s " +
        $"(preprocess {preprocessMs / count:0.0} ms/image, inference {inferenceMs / count:0.0} ms/image); " +
        $"working set {before / 1_048_576} MB → {loaded / 1_048_576} MB loaded (+{(loaded - before) / 1_048_576} MB), peak {peak / 1_048_576} MB");
    Console.WriteLine($"RESULT image_{name.Split(' ')[0].ToLowerInvariant().TrimEnd(',')} images_per_s={count / ((preprocessMs + inferenceMs) / 1000):0.0} " +
        $"preprocess_ms={preprocessMs / count:0.0} inference_ms={inferenceMs / count:0.0} model_mb={(loaded - before) / 1_048_576} peak_mb={peak / 1_048_576}");
}

static byte[] Photo(int seed)
{
    var random = new Random(seed);
    using var bitmap = new SKBitmap(600, 400);
    using var canvas = new SKCanvas(bitmap);
    canvas.Clear(new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
    using var paint = new SKPaint { IsAntialias = true };
    for (var i = 0; i < 60; i++)
    {
        paint.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
        canvas.DrawCircle(random.Next(600), random.Next(400), random.Next(5, 80), paint);
    }
    using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 85);
    return data.ToArray();
}

internal static class TextBench
{
    public static async Task RunAsync(int sentences, int queries)
    {
        // Description-like sentences, embedded in batches of 16 as the embedding job does after a describe batch.
        string[] subjects = ["barn", "lighthouse", "waterfall", "market", "glacier", "castle", "harbour", "street"];
        var texts = Enumerable.Range(0, sentences).Select(i =>
            $"A misty {subjects[i % subjects.Length]} at dawn, with {i % 7} people walking past; the light is soft and the colours are muted.").ToArray();
        GC.Collect();
        var before = Process.GetCurrentProcess().WorkingSet64;
        using var embedder = new LocalTextEmbedder();
        var load = Stopwatch.StartNew();
        await embedder.GenerateAsync(["warm-up"]);
        var loadMs = load.Elapsed.TotalMilliseconds;
        var loaded = Process.GetCurrentProcess().WorkingSet64;
        var watch = Stopwatch.StartNew();
        foreach (var chunk in texts.Chunk(16))
        {
            await embedder.GenerateAsync(chunk);
        }
        var seconds = watch.Elapsed.TotalSeconds;
        var single = new List<double>();
        foreach (var text in texts.Take(Math.Min(queries, sentences)))
        {
            watch.Restart();
            await embedder.GenerateAsync([text]);
            single.Add(watch.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine($"RESULT minilm sentences_per_s={sentences / seconds:0.0} query_p50_ms={Percentile(single, 50):0.0} query_p95_ms={Percentile(single, 95):0.0} " +
            $"load_ms={loadMs:0} working_set_mb={before / 1_048_576}->{loaded / 1_048_576}");

        // The product's idle unload (Ai:TextModelIdleSeconds, here 1 s): the working set with the model loaded and after
        // the unload, in a process that has used it.
        embedder.Dispose();
        using (var idle = new LocalTextEmbedder(TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new AiOptions { TextModelIdleSeconds = 1 })))
        {
            await idle.GenerateAsync(texts.Take(16));
            var inUse = Process.GetCurrentProcess().WorkingSet64;
            var deadline = Stopwatch.StartNew();
            while (idle.IsLoaded && deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(100);
            }
            await Task.Delay(500);
            Console.WriteLine($"RESULT minilm_unload loaded_mb={inUse / 1_048_576} unloaded_mb={Process.GetCurrentProcess().WorkingSet64 / 1_048_576} unloaded={!idle.IsLoaded}");
        }

        // CLIP's text tower for a visual query: one sentence, tokenised with the product's tokenizer. The generated model
        // has the real input/output shapes (77 tokens → 512), not the real weights, so this is the fixed cost per query.
        var directory = Directory.CreateTempSubdirectory("tv-text-bench-").FullName;
        try
        {
            var path = Path.Combine(directory, "text.onnx");
            File.WriteAllBytes(path, TinyOnnxModels.Text(512));
            var vocabulary = new Dictionary<string, int>();
            foreach (var word in texts.SelectMany(t => ClipTokenizer.Words(ClipTokenizer.Clean(t))).Distinct())
            {
                vocabulary[word + ClipTokenizer.EndOfWord] = vocabulary.Count + 1;
            }
            var tokenizer = new ClipTokenizer(vocabulary, []);
            using var encoder = new OnnxTextEncoder(path, tokenizer, new ModelDescriptor { Dimension = 512 }, new OnnxSessionSettings(2, 16));
            encoder.Embed([texts[0]]);
            var times = new List<double>();
            for (var i = 0; i < queries; i++)
            {
                watch.Restart();
                encoder.Embed([texts[i % texts.Length]]);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine($"RESULT clip_text_tiny query_p50_ms={Percentile(times, 50):0.00} query_p95_ms={Percentile(times, 95):0.00}");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
