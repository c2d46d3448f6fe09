using Microsoft.Extensions.FileProviders;

namespace TargetVision.Api.Infrastructure.Http;

/// <summary>
/// Serves frontend/ when the backend runs on the host (scripts/dev.sh, tests); in containers nginx serves it and
/// the folder is absent. index.html is never cached so a deploy takes effect on reload.
/// </summary>
public static class SpaHosting
{
    public static string? ResolveFrontendPath(IConfiguration configuration, IWebHostEnvironment environment)
    {
        var configured = configuration[$"{FrontendOptions.Section}:Path"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Directory.Exists(configured) ? Path.GetFullPath(configured) : null;
        }
        // Walk up from the content root to find the repository's frontend/ folder during local runs.
        for (var dir = new DirectoryInfo(environment.ContentRootPath); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "frontend");
            if (File.Exists(Path.Combine(candidate, "index.html")))
            {
                return candidate;
            }
        }
        return null;
    }

    public static void UseSpaFiles(this WebApplication app, string? frontendPath)
    {
        if (frontendPath is null)
        {
            return;
        }
        var files = new PhysicalFileProvider(frontendPath);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.CacheControl = context.File.Name == "index.html" ? "no-cache" : "public, max-age=300";
                SecurityHeaders.Apply(headers);
            },
        });
    }

    public static void MapSpaFallback(this WebApplication app, string? frontendPath)
    {
        if (frontendPath is null)
        {
            return;
        }
        var index = Path.Combine(frontendPath, "index.html");
        // Client-side routes (/library/album/x) load the shell; /api and /health keep their own 404s. Only GET/HEAD:
        // a catch-all for every method would turn "wrong method" (405) into "not found".
        app.MapMethods("{**path}", [HttpMethods.Get, HttpMethods.Head], async context =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments("/api") || path.StartsWithSegments("/health") || Path.HasExtension(path.Value))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            SecurityHeaders.Apply(context.Response.Headers);
            await context.Response.SendFileAsync(index, context.RequestAborted);
        }).AllowAnonymous().WithOrder(int.MaxValue).ExcludeFromDescription();
    }
}
