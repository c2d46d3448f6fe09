using Microsoft.AspNetCore.Antiforgery;
using TargetVision.Api.Infrastructure.Http;

namespace TargetVision.Api.Features.Auth;

/// <summary>
/// Validates the antiforgery header on every state-changing /api request. Minimal APIs only validate form posts
/// by themselves, and this API speaks JSON.
/// </summary>
public sealed class AntiforgeryValidationMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (RequiresValidation(context.Request))
        {
            try
            {
                await antiforgery.ValidateRequestAsync(context);
            }
            catch (AntiforgeryValidationException)
            {
                await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "Missing or invalid antiforgery token",
                    $"Send the value of the {AntiforgeryCookie.CookieName} cookie in the {AntiforgeryCookie.HeaderName} header; reload the page if it persists.");
                return;
            }
            catch (Exception e) when (e is InvalidDataException or IOException && e is not BadHttpRequestException)
            {
                // Without the header the token is looked for in the form, and a broken multipart body fails there.
                await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "Malformed form", "The request body is not a valid form.");
                return;
            }
        }
        await next(context);
    }

    private static bool RequiresValidation(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method));
}
