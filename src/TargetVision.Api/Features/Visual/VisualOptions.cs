using TargetVision.Api.Integrations.Onnx;

namespace TargetVision.Api.Features.Visual;

/// <summary>Visual search (section "Visual"): the local image-embedding model, where it lives and how it is fetched.</summary>
public sealed class VisualOptions
{
    public const string Section = "Visual";

    /// <summary>Embed images and use them; null (the default) means "on when the model files are installed".</summary>
    public bool? Enabled { get; set; }

    /// <summary>The models volume (/data/models in the containers).</summary>
    public string ModelsDirectory { get; set; } = "data/models";

    /// <summary>The model: files, input size, normalisation, dimension, token layout (CLIP ViT-B/32 by default).</summary>
    public ModelDescriptor Model { get; set; } = new();

    /// <summary>fp32 (default) or int8: which variant of the default public export `models download` fetches.</summary>
    public string Variant { get; set; } = "fp32";

    /// <summary>Files `models download` fetches; empty means the default export of <see cref="Variant"/>.</summary>
    public List<ModelFileSource> Files { get; set; } = [];

    /// <summary>ONNX Runtime intra-op threads per inference.</summary>
    public int Threads { get; set; } = 2;

    /// <summary>Images per inference call (bounded memory: 16 × 3 × 224² floats ≈ 9.6 MB).</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>The SmugMug rendition fetched for embedding: the smallest whose long edge reaches this (M = 600).</summary>
    public int ImageLongEdge { get; set; } = 600;

    /// <summary>Cosine similarity at or above which two photos count as near-duplicates when the request gives none.</summary>
    public double DuplicateThreshold { get; set; } = 0.95;

    /// <summary>The public ViT-B/32 ONNX export (split vision/text models, tokenizer files) the download defaults to.</summary>
    public const string DefaultRepository = "https://huggingface.co/Xenova/clip-vit-base-patch32/resolve/main/";

    public IReadOnlyList<ModelFileSource> EffectiveFiles()
    {
        if (Files.Count > 0)
        {
            return Files;
        }
        var suffix = string.Equals(Variant, "int8", StringComparison.OrdinalIgnoreCase) ? "_quantized" : "";
        List<ModelFileSource> files =
        [
            new() { Path = Model.ImageModel, Url = $"{DefaultRepository}onnx/vision_model{suffix}.onnx" },
        ];
        if (Model.HasText)
        {
            files.Add(new() { Path = Model.TextModel, Url = $"{DefaultRepository}onnx/text_model{suffix}.onnx" });
            files.Add(new() { Path = Model.Vocabulary, Url = $"{DefaultRepository}vocab.json" });
            files.Add(new() { Path = Model.Merges, Url = $"{DefaultRepository}merges.txt" });
        }
        return files;
    }
}
