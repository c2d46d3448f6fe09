using System.Diagnostics;
using SkiaSharp;
using TargetVision.Api.Integrations.Onnx;
using TargetVision.Testing;

// Visual search throughput on this machine: images per second through the product's preprocessing (decode, EXIF,
// Pillow bicubic, crop, normalise) and ONNX inference in batches, per stage, and the process memory with the model
// loaded. Models: the real ResNet18 shipped in a NuGet package (1.8 GFLOPs/image; CLIP ViT-B/32's vision tower is
// ≈ 4.4), the tiny generated CLIP-shaped model (preprocessing cost alone), and optionally a generated dense model
// with ViT-B/32's weight size (`dense`: memory only, its compute is a single matrix product).
//
// dotnet run -c Release --project bench/Visual [images=64] [threads=2] [batch=16] [dense]

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
