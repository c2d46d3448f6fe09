namespace TargetVision.Api.Infrastructure;

public sealed class ShutdownOptions
{
    public const string Section = "Shutdown";

    /// <summary>How long SIGTERM waits for in-flight requests and jobs before the process stops.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}
