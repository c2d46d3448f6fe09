namespace TargetVision.Api.Infrastructure.Database;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Apply migrations when the web host starts (local runs); containers use the migrate command.</summary>
    public bool MigrateOnStartup { get; set; }

    /// <summary>How long start-up keeps retrying an unreachable database before giving up.</summary>
    public int StartupTimeoutSeconds { get; set; } = 60;

    public int MaxPoolSize { get; set; } = 50;
    public int MinPoolSize { get; set; }
    public int CommandTimeoutSeconds { get; set; } = 30;
}
