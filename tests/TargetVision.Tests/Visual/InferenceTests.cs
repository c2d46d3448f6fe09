using TargetVision.Api.Integrations.Onnx;

namespace TargetVision.Tests.Visual;

/// <summary>
/// The ONNX plumbing on models the tests generate (TinyOnnxModels) with CLIP's tensor names and shapes: names come
/// from the session metadata, outputs are picked by name, batches are split to what the model accepts, and every
/// embedding is L2-normalised. Expected values are computed from the models' known weights.
/// </summary>
public sealed class InferenceTests : IDisposable
{
    private const int Dim = 8;
    private readonly string directory = Directory.CreateTempSubdirectory("tv-onnx-").FullName;
    private static readonly OnnxSessionSettings Settings = new(IntraOpThreads: 1, MaxBatch: 2);

    private string Write(string name, byte[] model)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, model);
        return path;
    }

    private static float[] Normalize(double[] v)
    {
        var norm = Math.Sqrt(v.Sum(x => x * x));
        return v.Select(x => (float)(x / norm)).ToArray();
    }

    /// <summary>What the tiny image model computes: channel means of the tensor projected by W, normalised.</summary>
    private static float[] ExpectedImage(float[] tensor, int size)
    {
        var plane = size * size;
        var means = Enumerable.Range(0, 3).Select(c => tensor.Skip(c * plane).Take(plane).Select(v => (double)v).Average()).ToArray();
        return Normalize([.. Enumerable.Range(0, Dim).Select(d => Enumerable.Range(0, 3).Sum(c => means[c] * TinyOnnxModels.ImageWeight(c, d)))]);
    }

    private static byte[][] Photos() =>
    [
        TestImages.Png(TestImages.PatternImage(300, 224)),
        TestImages.Png(TestImages.PatternImage(224, 500)),
        TestImages.Jpeg(TestImages.PatternImage(64, 48)),
        TestImages.GreyPng(230, 230, (x, y) => (byte)(x ^ y)),
        TestImages.Png(TestImages.PatternImage(1000, 700)),
    ];

    private static float[] Tensors(ImagePreprocessor pre, byte[][] images)
    {
        var all = new float[pre.TensorLength * images.Length];
        for (var i = 0; i < images.Length; i++)
        {
            pre.Preprocess(images[i], all.AsSpan(i * pre.TensorLength, pre.TensorLength));
        }
        return all;
    }

    [Fact]
    public void Image_embeddings_are_selected_by_name_batched_and_normalised()
    {
        var model = new ModelDescriptor { Dimension = Dim };
        using var encoder = new OnnxImageEncoder(Write("vision.onnx", TinyOnnxModels.Image(Dim)), model, Settings);
        Assert.Equal(new ResolvedTensors("pixel_values", "image_embeds", 2), encoder.Tensors);

        var pre = encoder.Preprocessor;
        var images = Photos();
        var tensors = Tensors(pre, images);
        var embeddings = encoder.Embed(tensors, images.Length);

        Assert.Equal(images.Length, embeddings.Length);
        for (var i = 0; i < images.Length; i++)
        {
            var expected = ExpectedImage(tensors[(i * pre.TensorLength)..((i + 1) * pre.TensorLength)], 224);
            Assert.Equal(Dim, embeddings[i].Length);
            Assert.Equal(1.0, Math.Sqrt(embeddings[i].Sum(v => (double)v * v)), 5);
            Assert.All(Enumerable.Range(0, Dim), d => Assert.Equal(expected[d], embeddings[i][d], 4));
        }
    }

    [Fact]
    public void Other_exports_names_are_resolved_from_the_metadata()
    {
        var model = new ModelDescriptor { Dimension = Dim, InputSize = 32, Mean = [0.5f, 0.5f, 0.5f], Std = [0.5f, 0.5f, 0.5f] };
        using var encoder = new OnnxImageEncoder(Write("other.onnx", TinyOnnxModels.Image(Dim, size: 32, input: "image", output: "embedding")), model, Settings);
        Assert.Equal(("image", "embedding"), (encoder.Tensors.Input, encoder.Tensors.Output));
        var tensor = encoder.Preprocessor.Preprocess(TestImages.Png(TestImages.PatternImage(50, 40)));
        Assert.Equal(ExpectedImage(tensor, 32), encoder.Embed(tensor, 1)[0], new FloatTolerance(1e-4f));
    }

    [Fact]
    public void An_image_only_model_with_a_fixed_batch_and_a_feature_map_output_works_one_image_at_a_time()
    {
        var model = new ModelDescriptor { Id = "resnet-like", Dimension = Dim, TextModel = "" };
        using var encoder = new OnnxImageEncoder(Write("cnn.onnx", TinyOnnxModels.Image(Dim, batch: 1, resNetShape: true, input: "input", output: "features")), model, Settings);
        Assert.Equal(1, encoder.Tensors.MaxBatch);
        var pre = encoder.Preprocessor;
        var images = Photos()[..3];
        var tensors = Tensors(pre, images);
        var embeddings = encoder.Embed(tensors, 3);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(ExpectedImage(tensors[(i * pre.TensorLength)..((i + 1) * pre.TensorLength)], 224), embeddings[i], new FloatTolerance(1e-4f));
        }
    }

    [Fact]
    public void A_dimension_that_disagrees_with_the_model_is_a_clear_error()
    {
        var model = new ModelDescriptor { Dimension = 512 };
        var error = Assert.Throws<InvalidDataException>(() => new OnnxImageEncoder(Write("small.onnx", TinyOnnxModels.Image(Dim)), model, Settings));
        Assert.Contains("image embedding output", error.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Text_embeddings_come_from_clip_tokens_with_the_attention_mask(bool withMask)
    {
        var fixtures = Path.Combine(AppContext.BaseDirectory, "Visual", "Fixtures");
        // Padding with the end token (the Hugging Face layout): only the mask keeps it out of the projection.
        var model = new ModelDescriptor { Dimension = Dim, StartToken = 525, EndToken = 526, PadToken = 526 };
        var tokenizer = ClipTokenizer.Load(Path.Combine(fixtures, "vocab.json"), Path.Combine(fixtures, "merges.txt"), model);
        using var encoder = new OnnxTextEncoder(Write("text.onnx", TinyOnnxModels.Text(Dim, withMask: withMask)), tokenizer, model, Settings);
        Assert.Equal(("input_ids", "text_embeds"), (encoder.Tensors.Input, encoder.Tensors.Output));

        string[] texts = ["hello world", "red café", "llo", "hello"];
        var embeddings = encoder.Embed(texts);
        for (var i = 0; i < texts.Length; i++)
        {
            var tokens = tokenizer.Encode(texts[i], out var used);
            var expected = Normalize([.. Enumerable.Range(0, Dim).Select(d =>
                Enumerable.Range(0, 77).Sum(t => (withMask && t >= used ? 0.0 : tokens[t]) * TinyOnnxModels.TextWeight(t, d)))]);
            Assert.Equal(expected, embeddings[i], new FloatTolerance(1e-4f));
        }
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(float obj) => 0;
    }
}
