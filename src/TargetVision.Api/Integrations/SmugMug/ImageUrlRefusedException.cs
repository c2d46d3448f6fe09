namespace TargetVision.Api.Integrations.SmugMug;

/// <summary>An image URL (or a redirect, or a response) the SSRF guard refused; never retried.</summary>
public sealed class ImageUrlRefusedException(string reason) : Exception("Image URL refused: " + reason)
{
    public string Reason { get; } = reason;
}
