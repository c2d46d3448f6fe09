using Microsoft.ML.OnnxRuntime;

namespace TargetVision.Api.Integrations.Onnx;

/// <summary>Session settings shared by every model of the process.</summary>
public sealed record OnnxSessionSettings(int IntraOpThreads, int MaxBatch);

/// <summary>What the tensor names and shapes of a loaded model resolved to (reported by the stats endpoint).</summary>
public sealed record ResolvedTensors(string Input, string Output, int MaxBatch);

/// <summary>
/// Helpers shared by the image and text encoders: names come from the session metadata (exports disagree on them),
/// outputs are selected by name, never by position, and every embedding is L2-normalised.
/// </summary>
public static class OnnxTensors
{
    public static Microsoft.ML.OnnxRuntime.SessionOptions Options(OnnxSessionSettings settings) => new()
    {
        IntraOpNumThreads = Math.Max(1, settings.IntraOpThreads),
        InterOpNumThreads = 1,
        ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
    };

    /// <summary>The explicit name if configured, else the first preferred name present, else the only candidate.</summary>
    public static string Resolve(IReadOnlyDictionary<string, NodeMetadata> metadata, string configured, string[] preferred,
        Func<NodeMetadata, bool> fits, string what)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return metadata.ContainsKey(configured) ? configured
                : throw new InvalidDataException($"The model has no {what} named '{configured}' (it has: {string.Join(", ", metadata.Keys)}).");
        }
        foreach (var name in preferred)
        {
            if (metadata.TryGetValue(name, out var node) && fits(node))
            {
                return name;
            }
        }
        var candidates = metadata.Where(m => fits(m.Value)).Select(m => m.Key).ToList();
        return candidates.Count >= 1 ? candidates[0]
            : throw new InvalidDataException($"No {what} of the model fits (it has: {string.Join(", ", metadata.Keys)}); name it in the model descriptor.");
    }

    /// <summary>Per-item values of an output whose first dimension is the batch (e.g. [B,512] or [B,512,1,1]).</summary>
    public static long ItemSize(NodeMetadata node) =>
        node.Dimensions.Length < 2 || node.Dimensions.Skip(1).Any(d => d <= 0) ? -1 : node.Dimensions.Skip(1).Aggregate(1L, (a, d) => a * d);

    /// <summary>Splits a [count × dimension] output into L2-normalised rows.</summary>
    public static float[][] NormalizedRows(ReadOnlySpan<float> values, int count, int dimension)
    {
        if (values.Length != count * dimension)
        {
            throw new InvalidDataException($"The model returned {values.Length / Math.Max(count, 1)} values per item; the descriptor says {dimension}.");
        }
        var rows = new float[count][];
        for (var i = 0; i < count; i++)
        {
            var row = values.Slice(i * dimension, dimension).ToArray();
            var norm = 0.0;
            foreach (var v in row)
            {
                norm += (double)v * v;
            }
            norm = Math.Sqrt(norm);
            if (norm > 0)
            {
                for (var j = 0; j < row.Length; j++)
                {
                    row[j] = (float)(row[j] / norm);
                }
            }
            rows[i] = row;
        }
        return rows;
    }

    public static int BatchLimit(NodeMetadata input, int configured) =>
        input.Dimensions.Length > 0 && input.Dimensions[0] > 0 ? input.Dimensions[0] : Math.Max(1, configured);
}

/// <summary>The image side: preprocessed NCHW batches in, normalised embeddings out. Thread-safe (ORT sessions are).</summary>
public sealed class OnnxImageEncoder : IDisposable
{
    private static readonly string[] PreferredInputs = ["pixel_values", "image", "images", "input"];
    private static readonly string[] PreferredOutputs = ["image_embeds", "image_embeddings", "embeddings", "image_features"];

    private readonly InferenceSession session;
    private readonly ModelDescriptor model;

    public OnnxImageEncoder(string path, ModelDescriptor model, OnnxSessionSettings settings)
    {
        this.model = model;
        using var options = OnnxTensors.Options(settings);
        session = new InferenceSession(path, options);
        try
        {
            var input = OnnxTensors.Resolve(session.InputMetadata, model.ImageInput, PreferredInputs,
                n => n.ElementType == typeof(float) && n.Dimensions.Length == 4, "image input");
            var output = OnnxTensors.Resolve(session.OutputMetadata, model.ImageOutput, PreferredOutputs,
                n => n.ElementType == typeof(float) && OnnxTensors.ItemSize(n) == model.Dimension, "image embedding output");
            Tensors = new ResolvedTensors(input, output, OnnxTensors.BatchLimit(session.InputMetadata[input], settings.MaxBatch));
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public ResolvedTensors Tensors { get; }

    public ImagePreprocessor Preprocessor => new(model);

    /// <summary>Embeds <paramref name="count"/> preprocessed images laid out one after another, in model-sized batches.</summary>
    public float[][] Embed(float[] pixels, int count)
    {
        var per = 3 * model.InputSize * model.InputSize;
        if (pixels.Length < per * count)
        {
            throw new ArgumentException("Fewer pixels than images × tensor size.", nameof(pixels));
        }
        var result = new List<float[]>(count);
        for (var first = 0; first < count; first += Tensors.MaxBatch)
        {
            var n = Math.Min(Tensors.MaxBatch, count - first);
            var memory = new Memory<float>(pixels, first * per, n * per);
            using var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, memory, [n, 3, model.InputSize, model.InputSize]);
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, [Tensors.Input], [value], [Tensors.Output]);
            result.AddRange(OnnxTensors.NormalizedRows(outputs[0].GetTensorDataAsSpan<float>(), n, model.Dimension));
        }
        return [.. result];
    }

    public void Dispose() => session.Dispose();
}

/// <summary>The text side: CLIP tokens in, normalised embeddings (in the image space) out.</summary>
public sealed class OnnxTextEncoder : IDisposable
{
    private static readonly string[] PreferredInputs = ["input_ids", "text", "input", "tokens"];
    private static readonly string[] PreferredOutputs = ["text_embeds", "text_embeddings", "embeddings", "text_features"];
    private const string AttentionMask = "attention_mask";

    private readonly InferenceSession session;
    private readonly ModelDescriptor model;
    private readonly ClipTokenizer tokenizer;
    private readonly bool longIds;
    private readonly bool hasMask;

    public OnnxTextEncoder(string path, ClipTokenizer tokenizer, ModelDescriptor model, OnnxSessionSettings settings)
    {
        this.model = model;
        this.tokenizer = tokenizer;
        using var options = OnnxTensors.Options(settings);
        session = new InferenceSession(path, options);
        try
        {
            var input = OnnxTensors.Resolve(session.InputMetadata, model.TextInput, PreferredInputs,
                n => (n.ElementType == typeof(long) || n.ElementType == typeof(int)) && n.Dimensions.Length == 2, "token input");
            var output = OnnxTensors.Resolve(session.OutputMetadata, model.TextOutput, PreferredOutputs,
                n => n.ElementType == typeof(float) && OnnxTensors.ItemSize(n) == model.Dimension, "text embedding output");
            longIds = session.InputMetadata[input].ElementType == typeof(long);
            hasMask = session.InputMetadata.ContainsKey(AttentionMask) && input != AttentionMask;
            var unknown = session.InputMetadata.Keys.Where(k => k != input && !(hasMask && k == AttentionMask)).ToList();
            if (unknown.Count > 0)
            {
                throw new InvalidDataException($"The text model needs inputs this server does not provide: {string.Join(", ", unknown)}.");
            }
            Tensors = new ResolvedTensors(input, output, OnnxTensors.BatchLimit(session.InputMetadata[input], settings.MaxBatch));
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public ResolvedTensors Tensors { get; }

    public float[][] Embed(IReadOnlyList<string> texts)
    {
        var result = new List<float[]>(texts.Count);
        var length = tokenizer.ContextLength;
        for (var first = 0; first < texts.Count; first += Tensors.MaxBatch)
        {
            var n = Math.Min(Tensors.MaxBatch, texts.Count - first);
            var ids = new long[n * length];
            var mask = new long[n * length];
            for (var i = 0; i < n; i++)
            {
                var tokens = tokenizer.Encode(texts[first + i], out var used);
                for (var t = 0; t < length; t++)
                {
                    ids[(i * length) + t] = tokens[t];
                    mask[(i * length) + t] = t < used ? 1 : 0;
                }
            }
            var names = new List<string> { Tensors.Input };
            var values = new List<OrtValue>
            {
                longIds ? OrtValue.CreateTensorValueFromMemory(ids, [n, length])
                    : OrtValue.CreateTensorValueFromMemory(ids.Select(v => (int)v).ToArray(), [n, length]),
            };
            if (hasMask)
            {
                names.Add(AttentionMask);
                values.Add(session.InputMetadata[AttentionMask].ElementType == typeof(int)
                    ? OrtValue.CreateTensorValueFromMemory(mask.Select(v => (int)v).ToArray(), [n, length])
                    : OrtValue.CreateTensorValueFromMemory(mask, [n, length]));
            }
            try
            {
                using var runOptions = new RunOptions();
                using var outputs = session.Run(runOptions, names, values, [Tensors.Output]);
                result.AddRange(OnnxTensors.NormalizedRows(outputs[0].GetTensorDataAsSpan<float>(), n, model.Dimension));
            }
            finally
            {
                values.ForEach(v => v.Dispose());
            }
        }
        return [.. result];
    }

    public void Dispose() => session.Dispose();
}
