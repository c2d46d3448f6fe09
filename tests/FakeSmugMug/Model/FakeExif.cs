namespace FakeSmugMug.Model;

/// <summary>The camera facts that <c>!metadata</c> reports.</summary>
public sealed record FakeExif(
    string Make = "Canon",
    string Model = "Canon EOS 5D Mark IV",
    string Lens = "EF24-105mm f/4L IS II USM",
    int Iso = 200,
    string FNumber = "f/8.0",
    string ExposureTime = "1/250",
    string FocalLength = "50 mm");
