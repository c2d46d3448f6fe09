namespace FakeSmugMug.Model;

/// <summary>
/// The file an upload sent: the original is served byte for byte and the display sizes are made from its pixels, so
/// whatever looks at the photo (the fake AI's colour analysis, a person in the demo) sees what was uploaded.
/// </summary>
public sealed record UploadedFile(byte[] Bytes, string ContentType, string Md5Hex);
