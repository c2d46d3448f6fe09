namespace TargetVision.Api.Features.Visual;

/// <summary>Embed up to a batch of photos' images (one inference batch per job).</summary>
public sealed record EmbedImagePayload(int[] PhotoIds)
{
    public const string Kind = "visual.embed-image";
}

/// <summary>After an album sync: queue embedding for its new and changed photos (when visual search is on).</summary>
public sealed record EmbedAlbumPayload(string AlbumKey)
{
    public const string Kind = "visual.embed-album";
}
