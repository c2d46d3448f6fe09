using Microsoft.Extensions.Options;
using TargetVision.Api.Integrations.Onnx;

namespace TargetVision.Api.Features.Visual;

/// <summary>Visual search cannot run: no model installed, visual search switched off, or the model failed to load.</summary>
public sealed class VisualUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>What the app reports about the model (Settings and the Search page say how to install one).</summary>
public sealed record VisualModelStatus(
    string ModelId, int Dimension, bool Enabled, bool ImageModelInstalled, bool TextModelInstalled,
    IReadOnlyList<string> MissingFiles, string ModelsDirectory, string? Error, string InstallHint);

/// <summary>
/// The process's one copy of each model session: loaded on first use (so installing the files needs no restart),
/// then kept. A failed load is reported and retried on a later call rather than cached forever.
/// </summary>
public sealed class VisualModel(IOptions<VisualOptions> options, ILogger<VisualModel> logger) : IDisposable
{
    public const string HttpClientName = "models";
    public const int StoredDimension = 512;

    public const string InstallHint =
        "Visual search needs the CLIP model files in the models volume. Run `docker compose run --rm --no-deps backend models download` " +
        "(or `TargetVision.Api models download` without containers); the next embedding job loads them, no restart needed.";

    private readonly Lock gate = new();
    private OnnxImageEncoder? image;
    private OnnxTextEncoder? text;
    private string? lastError;

    private VisualOptions Options => options.Value;

    public ModelDescriptor Descriptor => Options.Model;

    public string ModelId => Options.Model.Id;

    public static string ResolveDirectory(string directory) => Path.GetFullPath(directory);

    public string PathOf(string file) => Path.Combine(ResolveDirectory(Options.ModelsDirectory), file);

    public bool ImageInstalled => File.Exists(PathOf(Descriptor.ImageModel));

    public bool TextInstalled => Descriptor.HasText && new[] { Descriptor.TextModel, Descriptor.Vocabulary, Descriptor.Merges }.All(f => File.Exists(PathOf(f)));

    /// <summary>Images are embedded: switched on (or not switched off) and the image model is there.</summary>
    public bool Enabled => Options.Enabled != false && ImageInstalled;

    /// <summary>Words can be searched in the picture space: enabled and the text side is there too.</summary>
    public bool TextSearchAvailable => Enabled && TextInstalled;

    public VisualModelStatus Status()
    {
        var missing = Descriptor.Files.Where(f => !File.Exists(PathOf(f))).ToList();
        return new VisualModelStatus(ModelId, Descriptor.Dimension, Enabled, ImageInstalled, TextInstalled, missing,
            ResolveDirectory(Options.ModelsDirectory), lastError, InstallHint);
    }

    public OnnxImageEncoder ImageEncoder()
    {
        if (!Enabled)
        {
            throw new VisualUnavailableException(Options.Enabled == false ? "Visual search is switched off (Visual:Enabled)." : "No image model is installed. " + InstallHint);
        }
        lock (gate)
        {
            return image ??= Load(() => new OnnxImageEncoder(PathOf(Descriptor.ImageModel), Checked(Descriptor), Session));
        }
    }

    public OnnxTextEncoder TextEncoder()
    {
        if (!TextSearchAvailable)
        {
            throw new VisualUnavailableException(Descriptor.HasText
                ? "The text side of the model is not installed. " + InstallHint
                : $"The model {ModelId} has no text encoder: it finds similar pictures, not words.");
        }
        lock (gate)
        {
            return text ??= Load(() => new OnnxTextEncoder(PathOf(Descriptor.TextModel),
                ClipTokenizer.Load(PathOf(Descriptor.Vocabulary), PathOf(Descriptor.Merges), Descriptor), Checked(Descriptor), Session));
        }
    }

    private OnnxSessionSettings Session => new(Options.Threads, Options.BatchSize);

    private static ModelDescriptor Checked(ModelDescriptor descriptor)
    {
        var problems = descriptor.Validate().ToList();
        if (descriptor.Dimension != StoredDimension)
        {
            problems.Add($"The image_embeddings table stores {StoredDimension}-d vectors; a {descriptor.Dimension}-d model needs a migration of its column.");
        }
        return problems.Count == 0 ? descriptor : throw new VisualUnavailableException("The model descriptor is unusable: " + string.Join(" ", problems));
    }

    private T Load<T>(Func<T> load)
    {
        try
        {
            var loaded = load();
            lastError = null;
            logger.LogInformation("Loaded visual model {ModelId}", ModelId);
            return loaded;
        }
        catch (Exception ex) when (ex is not VisualUnavailableException)
        {
            lastError = ex.Message;
            logger.LogError("Loading visual model {ModelId} failed: {Reason}", ModelId, ex.Message);
            throw new VisualUnavailableException($"The model {ModelId} could not be loaded: {ex.Message}", ex);
        }
    }

    public void Dispose()
    {
        image?.Dispose();
        text?.Dispose();
    }
}
