namespace TargetVision.Api.Integrations.SmugMug;

/// <summary>Image bytes as the photo host served them.</summary>
public sealed record FetchedImage(byte[] Bytes, string ContentType);
