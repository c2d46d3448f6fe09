namespace TargetVision.Api.Features.Auth;

/// <summary>ADMIN_EMAIL / ADMIN_PASSWORD(_FILE): create the owner at start-up instead of through the setup page.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";
    public string? Email { get; set; }
    public string? Password { get; set; }
}

public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Sliding session lifetime.</summary>
    public int SessionHours { get; set; } = 24 * 7;

    /// <summary>Login/setup attempts allowed per client address per minute.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 10;
}
