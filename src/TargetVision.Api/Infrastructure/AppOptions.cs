namespace TargetVision.Api.Infrastructure;

public sealed class AppOptions
{
    public const string Section = "App";

    /// <summary>The URL users reach the app at (used for OAuth callbacks). Null = derived from the request.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Set by scripts/start.sh --demo: the SmugMug and AI services are test doubles, so the UI labels data as demo data.</summary>
    public bool DemoMode { get; set; }
}
