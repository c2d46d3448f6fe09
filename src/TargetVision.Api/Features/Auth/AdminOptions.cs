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

    /// <summary>Failed sign-ins per account before each further attempt is slowed down (never refused).</summary>
    public int LoginFreeFailuresPerAccount { get; set; } = 5;

    /// <summary>Upper bound of that delay; the delay doubles per failure up to it.</summary>
    public int LoginMaxDelaySeconds { get; set; } = 30;

    /// <summary>Failures older than this (since the last one) are forgotten.</summary>
    public int LoginFailureWindowMinutes { get; set; } = 15;
}
