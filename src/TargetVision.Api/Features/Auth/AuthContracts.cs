using System.ComponentModel.DataAnnotations;

namespace TargetVision.Api.Features.Auth;

public sealed record CredentialsRequest(
    [Required, EmailAddress, StringLength(320)] string Email,
    [Required, StringLength(256, MinimumLength = OwnerAccounts.MinimumPasswordLength)] string Password);

public sealed record LoginRequest(
    [Required, StringLength(320)] string Email,
    [Required, StringLength(256)] string Password);

public sealed record OwnerResponse(string Email);

public sealed record AuthStatusResponse(bool SetupRequired, bool Authenticated, string? Email, bool DemoMode);

public sealed record ChangePasswordRequest(
    [Required, StringLength(256)] string CurrentPassword,
    [Required, StringLength(256, MinimumLength = OwnerAccounts.MinimumPasswordLength)] string NewPassword);
