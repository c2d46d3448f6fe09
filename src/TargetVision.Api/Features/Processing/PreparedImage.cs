namespace TargetVision.Api.Features.Processing;

/// <summary>The bytes that go to the provider, and whether they had to be re-encoded to fit its limits.</summary>
public sealed record PreparedImage(byte[] Bytes, string MediaType, int Width, int Height, bool Reencoded);
