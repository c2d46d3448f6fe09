namespace FakeAi.Content;

/// <summary>Why an image cannot be used; each API words these in its own envelope.</summary>
internal enum ImageRejectionReason
{
    InvalidBase64,
    TooLarge,
    TooManyPixels,
    Undecodable,
    MediaTypeMismatch,
}

internal sealed class ImageRejection(ImageRejectionReason reason, string message) : Exception(message)
{
    internal ImageRejectionReason Reason { get; } = reason;
}
