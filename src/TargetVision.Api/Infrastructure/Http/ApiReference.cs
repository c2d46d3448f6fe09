using System.Text;
using Scalar.AspNetCore;

namespace TargetVision.Api.Infrastructure.Http;

/// <summary>
/// The interactive API reference (Scalar) at /api/docs. A self-hosted app makes no third-party requests, so Scalar's
/// CDN fonts, telemetry, AI agent, MCP and developer toolbar are off; its bundle is served from the package. The page
/// bootstraps with an inline module script, which gets a per-request nonce instead of 'unsafe-inline'.
/// </summary>
public static class ApiReference
{
    public const string PagePath = "/api/docs";

    public static void MapApiReference(this WebApplication app) =>
        app.MapScalarApiReference(PagePath, options => options
            .WithTitle("TargetVision API")
            .WithOpenApiRoutePattern("/api/openapi/{documentName}.json")
            .WithNonce()
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools()
            .HideClientButton());

    /// <summary>
    /// The page's policy: the app's policy from security-headers.txt with the nonce for Scalar's bootstrap script and
    /// inline styles (Scalar injects its theme at run time); every other directive stays as strict as the app's.
    /// </summary>
    public static string PagePolicy(string nonce)
    {
        var directives = SecurityHeaders.ContentSecurityPolicy
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => (d.Split(' ', 2)[0]) switch
            {
                "script-src" => $"{d} 'nonce-{nonce}'",
                "style-src" => $"{d} 'unsafe-inline'",
                "font-src" => $"{d} data:",
                _ => d,
            });
        return string.Join("; ", directives);
    }

    /// <summary>
    /// Sends the page's policy (nginx passes it through for /api/docs) and gives the page a lang attribute, which
    /// Scalar's template lacks. Only the HTML page is buffered; its scripts pass straight through.
    /// </summary>
    public static void UseApiReferencePage(this WebApplication app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments(PagePath) || Path.HasExtension(path.Value))
        {
            await next(context);
            return;
        }
        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        buffer.Position = 0;
        var response = context.Response;
        if (response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true
            && context.Items[ScalarOptions.NonceHttpContextItemKey] is string nonce)
        {
            var html = Encoding.UTF8.GetString(buffer.ToArray()).Replace("<html>", "<html lang=\"en\">", StringComparison.Ordinal);
            SecurityHeaders.Apply(response.Headers);
            response.Headers.ContentSecurityPolicy = PagePolicy(nonce);
            response.Headers.CacheControl = "no-store";
            var bytes = Encoding.UTF8.GetBytes(html);
            response.ContentLength = bytes.Length;
            await original.WriteAsync(bytes, context.RequestAborted);
            return;
        }
        await buffer.CopyToAsync(original, context.RequestAborted);
    });
}
