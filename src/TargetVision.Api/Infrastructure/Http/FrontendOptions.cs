namespace TargetVision.Api.Infrastructure.Http;

public sealed class FrontendOptions
{
    public const string Section = "Frontend";

    /// <summary>
    /// Folder with the static SPA. When it does not exist (containers: nginx serves the SPA), the backend serves
    /// only the API.
    /// </summary>
    public string? Path { get; set; }
}
