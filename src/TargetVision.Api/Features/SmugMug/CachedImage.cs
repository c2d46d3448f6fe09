namespace TargetVision.Api.Features.SmugMug;

/// <summary>Image bytes ready to serve, with a strong ETag derived from what identifies the rendition.</summary>
public sealed record CachedImage(byte[] Bytes, string ContentType, string ETag);
