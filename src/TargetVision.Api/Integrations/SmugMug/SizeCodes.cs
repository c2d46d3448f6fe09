namespace TargetVision.Api.Integrations.SmugMug;

/// <summary>SmugMug's display sizes, smallest first, with their API names and nominal long edges.</summary>
public static class SizeCodes
{
    public sealed record Size(string Code, string ApiName, int LongEdge);

    public static IReadOnlyList<Size> All { get; } =
    [
        new("Ti", "ImageSizeTiny", 100),
        new("Th", "ImageSizeThumb", 150),
        new("S", "ImageSizeSmall", 400),
        new("M", "ImageSizeMedium", 600),
        new("L", "ImageSizeLarge", 800),
        new("XL", "ImageSizeXLarge", 1024),
        new("X2", "ImageSizeX2Large", 1280),
        new("X3", "ImageSizeX3Large", 1600),
        new("X4", "ImageSizeX4Large", 2048),
        new("X5", "ImageSizeX5Large", 2560),
        new("O", "ImageSizeOriginal", int.MaxValue),
    ];

    public static bool IsValid(string? code) => code is not null && All.Any(s => s.Code == code);

    public static string? FromApiName(string? apiName) => All.FirstOrDefault(s => s.ApiName == apiName)?.Code;

    public static int Order(string code) => All.ToList().FindIndex(s => s.Code == code);
}
