namespace TargetVision.Api.Integrations.Onnx;

/// <summary>
/// Everything that differs between image-embedding models (CLIP ViT-B/32, SigLIP, an image-only CNN): which files,
/// which input size and normalisation, which dimension and token layout. Code never hard-codes these; tensor names
/// are resolved from the session metadata unless the descriptor names them.
/// </summary>
public sealed class ModelDescriptor
{
    /// <summary>Stored with every embedding; a different id means a different vector space (and a re-embed).</summary>
    public string Id { get; set; } = "clip-vit-base-patch32";

    /// <summary>The image encoder, relative to the models directory (or absolute).</summary>
    public string ImageModel { get; set; } = "clip-vit-base-patch32/vision_model.onnx";

    /// <summary>The text encoder; empty for an image-only model (then search by words has no visual signal).</summary>
    public string TextModel { get; set; } = "clip-vit-base-patch32/text_model.onnx";

    public string Vocabulary { get; set; } = "clip-vit-base-patch32/vocab.json";
    public string Merges { get; set; } = "clip-vit-base-patch32/merges.txt";

    public int InputSize { get; set; } = 224;

    public static readonly float[] ClipMean = [0.48145466f, 0.4578275f, 0.40821073f];
    public static readonly float[] ClipStd = [0.26862954f, 0.26130258f, 0.27577711f];

    /// <summary>
    /// Per-channel (R, G, B) mean and standard deviation applied after scaling to [0,1]; empty means CLIP's. (Empty
    /// defaults, because configuration binding appends to a pre-filled array instead of replacing it.)
    /// </summary>
    public float[] Mean { get; set; } = [];
    public float[] Std { get; set; } = [];

    public float[] EffectiveMean => Mean.Length == 0 ? ClipMean : Mean;
    public float[] EffectiveStd => Std.Length == 0 ? ClipStd : Std;

    public int Dimension { get; set; } = 512;

    /// <summary>Token sequence length of the text encoder (CLIP: 77).</summary>
    public int ContextLength { get; set; } = 77;

    public int StartToken { get; set; } = 49406;
    public int EndToken { get; set; } = 49407;

    /// <summary>Padding id: 0 in OpenAI's original export, the end token (49407) in the Hugging Face tokenizer.</summary>
    public int PadToken { get; set; } = 49407;

    /// <summary>Optional explicit tensor names; empty means "resolve from the session metadata".</summary>
    public string ImageInput { get; set; } = "";
    public string ImageOutput { get; set; } = "";
    public string TextInput { get; set; } = "";
    public string TextOutput { get; set; } = "";

    public bool HasText => !string.IsNullOrWhiteSpace(TextModel);

    /// <summary>Every file the model needs, relative to the models directory.</summary>
    public IEnumerable<string> Files =>
        HasText ? [ImageModel, TextModel, Vocabulary, Merges] : [ImageModel];

    /// <summary>Problems that make the descriptor unusable, in words an operator can act on.</summary>
    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Id) || Id.Length > 100)
        {
            yield return "Model id must be 1–100 characters.";
        }
        if (string.IsNullOrWhiteSpace(ImageModel))
        {
            yield return "ImageModel is required.";
        }
        if (InputSize is < 16 or > 1024)
        {
            yield return "InputSize must be between 16 and 1024.";
        }
        if (EffectiveMean.Length != 3 || EffectiveStd.Length != 3 || EffectiveStd.Any(s => s <= 0))
        {
            yield return "Mean and Std need three values (R, G, B); Std must be positive.";
        }
        if (Dimension is < 2 or > 4096)
        {
            yield return "Dimension must be between 2 and 4096.";
        }
        if (HasText && ContextLength < 3)
        {
            yield return "ContextLength must be at least 3.";
        }
    }
}
