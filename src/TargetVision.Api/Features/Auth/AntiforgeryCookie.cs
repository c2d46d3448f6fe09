using Microsoft.AspNetCore.Antiforgery;

namespace TargetVision.Api.Features.Auth;

/// <summary>
/// Double-submit pattern for the SPA: the request token travels in a JS-readable cookie and comes back in the
/// X-XSRF-TOKEN header; ASP.NET Core's antiforgery pairs it with its own HttpOnly cookie token.
/// </summary>
public static class AntiforgeryCookie
{
    public const string CookieName = "XSRF-TOKEN";
    public const string HeaderName = "X-XSRF-TOKEN";

    /// <summary>Issues a fresh request token for the current <see cref="HttpContext.User"/>.</summary>
    public static void Issue(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        context.Response.Cookies.Append(CookieName, tokens.RequestToken ?? "", new CookieOptions
        {
            HttpOnly = false,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
            IsEssential = true,
        });
    }
}
