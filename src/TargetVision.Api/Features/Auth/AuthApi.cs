using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TargetVision.Api.Infrastructure;
using TargetVision.Api.Infrastructure.Http;

namespace TargetVision.Api.Features.Auth;

public static class AuthApi
{
    public const string LoginRateLimitPolicy = "login";

    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");

        group.MapGet("/status", GetStatus).AllowAnonymous()
            .WithSummary("Whether first-run setup is needed and who is signed in; issues the XSRF-TOKEN cookie.");
        group.MapPost("/setup", Setup).AllowAnonymous().RequireRateLimiting(LoginRateLimitPolicy)
            .WithSummary("Create the owner account on first run and sign in.");
        group.MapPost("/login", Login).AllowAnonymous().RequireRateLimiting(LoginRateLimitPolicy)
            .WithSummary("Sign in as the owner.");
        group.MapPost("/logout", Logout).WithSummary("End the session on the server: every cookie issued before stops working.");
        group.MapPost("/sign-out-everywhere", SignOutEverywhere)
            .WithSummary("End every other session of the owner (other browsers and devices); this one stays signed in.");
        group.MapPost("/password", ChangePassword).RequireRateLimiting(LoginRateLimitPolicy)
            .WithSummary("Change the owner's password; ends every other session.");
        group.MapGet("/me", Me).WithSummary("The signed-in owner.");
        return group;
    }

    private static async Task<Ok<AuthStatusResponse>> GetStatus(
        HttpContext http, OwnerAccounts owners, IAntiforgery antiforgery, IOptions<AppOptions> app, CancellationToken ct)
    {
        AntiforgeryCookie.Issue(http, antiforgery);
        var authenticated = http.User.Identity?.IsAuthenticated == true;
        return TypedResults.Ok(new AuthStatusResponse(
            SetupRequired: !await owners.ExistsAsync(ct),
            Authenticated: authenticated,
            Email: authenticated ? http.User.FindFirstValue(ClaimTypes.Email) : null,
            DemoMode: app.Value.DemoMode));
    }

    private static async Task<Results<Created<OwnerResponse>, ProblemHttpResult>> Setup(
        CredentialsRequest request, HttpContext http, OwnerAccounts owners, IAntiforgery antiforgery, CancellationToken ct)
    {
        var owner = await owners.CreateAsync(request.Email, request.Password, ct);
        if (owner is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already set up",
                detail: "This instance already has an owner. Sign in instead.");
        }
        await SignInAsync(http, owner, await owners.CurrentStampAsync(owner, ct), antiforgery);
        return TypedResults.Created("/api/auth/me", new OwnerResponse(owner.Email));
    }

    private static async Task<Results<Ok<OwnerResponse>, ProblemHttpResult>> Login(
        LoginRequest request, HttpContext http, OwnerAccounts owners, IAntiforgery antiforgery, LoginThrottle throttle, CancellationToken ct)
    {
        await throttle.WaitAsync(request.Email, ct);
        var owner = await owners.VerifyAsync(request.Email, request.Password, ct);
        if (owner is null)
        {
            throttle.RecordFailure(request.Email);
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid email or password.");
        }
        throttle.RecordSuccess(request.Email);
        await SignInAsync(http, owner, await owners.CurrentStampAsync(owner, ct), antiforgery);
        return TypedResults.Ok(new OwnerResponse(owner.Email));
    }

    private static async Task<NoContent> Logout(HttpContext http, OwnerAccounts owners, IAntiforgery antiforgery, CancellationToken ct)
    {
        // Deleting the cookie alone would leave a copied cookie valid: the new stamp revokes it on the server. One
        // owner, one stamp: this ends the owner's other sessions too, which is the safe side for a single account.
        if (OwnerId(http.User) is { } ownerId)
        {
            await owners.RotateStampAsync(ownerId, ct);
        }
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        http.User = new ClaimsPrincipal(new ClaimsIdentity());
        AntiforgeryCookie.Issue(http, antiforgery);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, UnauthorizedHttpResult>> SignOutEverywhere(
        HttpContext http, OwnerAccounts owners, IAntiforgery antiforgery, CancellationToken ct)
    {
        if (OwnerId(http.User) is not { } ownerId || await owners.FindAsync(ownerId, ct) is not { } owner)
        {
            return TypedResults.Unauthorized();
        }
        var stamp = await owners.RotateStampAsync(ownerId, ct);
        await SignInAsync(http, owner, stamp, antiforgery);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ValidationProblem, UnauthorizedHttpResult>> ChangePassword(
        ChangePasswordRequest request, HttpContext http, OwnerAccounts owners, IAntiforgery antiforgery, CancellationToken ct)
    {
        if (OwnerId(http.User) is not { } ownerId)
        {
            return TypedResults.Unauthorized();
        }
        var owner = await owners.ChangePasswordAsync(ownerId, request.CurrentPassword, request.NewPassword, ct);
        if (owner is null)
        {
            return Problems.Field("currentPassword", "The current password is not correct.");
        }
        await SignInAsync(http, owner, owner.SecurityStamp, antiforgery);
        return TypedResults.NoContent();
    }

    private static int? OwnerId(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;

    private static Ok<OwnerResponse> Me(ClaimsPrincipal user) =>
        TypedResults.Ok(new OwnerResponse(user.FindFirstValue(ClaimTypes.Email) ?? ""));

    private static async Task SignInAsync(HttpContext http, Owner owner, string stamp, IAntiforgery antiforgery)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, owner.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Email, owner.Email),
                new Claim(SessionStamp.ClaimType, stamp),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme);
        var principal = new ClaimsPrincipal(identity);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        // Antiforgery tokens are bound to the user: hand out one for the new identity in the same response.
        http.User = principal;
        AntiforgeryCookie.Issue(http, antiforgery);
    }
}
