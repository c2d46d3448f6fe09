namespace TargetVision.Api.Infrastructure.Http;

/// <summary>Whether every cookie the app sets must be Secure regardless of the scheme the last hop used.</summary>
public sealed record CookieSecurity(bool AlwaysSecure)
{
    public static CookieSecurity From(IConfiguration configuration) =>
        new(Uri.TryCreate(configuration["App:PublicBaseUrl"], UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps);
}

public static class PublicSchemeMiddleware
{
    /// <summary>
    /// With an https public URL, TLS ends in front of the app (nginx or an ingress) and users only ever reach it over
    /// https; a hop in between may still forward plain http (an ingress that drops X-Forwarded-Proto). Treating every
    /// request as https then keeps the session and antiforgery cookies Secure and generated links on https.
    /// </summary>
    public static IApplicationBuilder UseHttpsPublicScheme(this IApplicationBuilder app)
    {
        var security = app.ApplicationServices.GetService<CookieSecurity>();
        if (security?.AlwaysSecure != true)
        {
            return app;
        }
        return app.Use((context, next) =>
        {
            context.Request.Scheme = Uri.UriSchemeHttps;
            return next(context);
        });
    }
}
