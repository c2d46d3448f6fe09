using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using TargetVision.Api.Infrastructure.Database;

namespace TargetVision.Api.Features.Auth;

/// <summary>
/// Server-side revocation for cookie sessions. The cookie carries the owner's security stamp; every request compares
/// it with the stamp in the database, so replacing the stamp ends all sessions issued before at once, on every
/// replica. There is deliberately no cache: one primary-key read per request is cheap next to what the request does,
/// and a cache would let a logged-out cookie work for its lifetime on the replicas that did not see the logout.
/// </summary>
public static class SessionStamp
{
    public const string ClaimType = "tv:stamp";

    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var stamp = principal?.FindFirstValue(ClaimType);
        if (principal is not null && stamp is { Length: > 0 }
            && int.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ownerId))
        {
            var db = context.HttpContext.RequestServices.GetRequiredService<AppDbContext>();
            var current = await db.Set<Owner>().Where(o => o.Id == ownerId).Select(o => o.SecurityStamp)
                .SingleOrDefaultAsync(context.HttpContext.RequestAborted);
            if (current is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(current), Encoding.ASCII.GetBytes(stamp)))
            {
                return;
            }
        }
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
