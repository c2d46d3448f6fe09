namespace TargetVision.Api.Features.Processing;

/// <summary>An ai.embed-text job: embed one description version of a photo.</summary>
public sealed record EmbedTextPayload(int PhotoId, int Version)
{
    public const string Kind = "ai.embed-text";
}
