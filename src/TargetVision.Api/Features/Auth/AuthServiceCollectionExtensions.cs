using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using TargetVision.Api.Infrastructure.Http;

namespace TargetVision.Api.Features.Auth;

public static class AuthServiceCollectionExtensions
{
    public static IServiceCollection AddOwnerAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AdminOptions>(configuration.GetSection(AdminOptions.Section));
        var authOptions = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        services.Configure<AuthOptions>(configuration.GetSection(AuthOptions.Section));

        services.AddScoped<OwnerAccounts>();
        services.AddSingleton<LoginThrottle>();
        // An https public URL: requests count as https (UseHttpsPublicScheme), so SameAsRequest below yields Secure cookies.
        services.AddSingleton(CookieSecurity.From(configuration));
        services.AddSingleton<IPasswordHasher<Owner>, PasswordHasher<Owner>>();
        services.AddHostedService<AdminBootstrapper>();

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "tv_session";
                options.Cookie.HttpOnly = true;
                // Lax, not Strict: SmugMug's OAuth redirect back to the callback is a cross-site top-level GET.
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(authOptions.SessionHours);
                options.SlidingExpiration = true;
                options.Events.OnValidatePrincipal = SessionStamp.ValidateAsync;
                // An API answers 401/403, it does not redirect to a login page.
                options.Events.OnRedirectToLogin = context =>
                    Problems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Sign in required", "Your session is missing or has expired.");
                options.Events.OnRedirectToAccessDenied = context =>
                    Problems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden");
            });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddAntiforgery(options =>
        {
            options.HeaderName = AntiforgeryCookie.HeaderName;
            options.Cookie.Name = "tv_af";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(AuthApi.LoginRateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = authOptions.LoginAttemptsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            options.OnRejected = async (context, ct) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                await Problems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many attempts",
                    "Too many sign-in attempts from this address; try again in a minute.");
            };
        });
        return services;
    }
}
