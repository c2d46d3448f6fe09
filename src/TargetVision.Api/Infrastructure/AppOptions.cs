namespace TargetVision.Api.Infrastructure;

public sealed class AppOptions
{
    public const string Section = "App";

    /// <summary>The URL users reach the app at (used for OAuth callbacks). Null = derived from the request.</summary>
    public string? PublicBaseUrl { get; set; }
}
