using Microsoft.AspNetCore.Http.HttpResults;
using TargetVision.Api.Integrations.SmugMug;

namespace TargetVision.Api.Features.SmugMug;

/// <summary>
/// SmugMug failures as problem responses. None of them is a 401: that status means "your TargetVision session
/// ended" to the SPA, whereas a revoked SmugMug token needs "Reconnect SmugMug" (409).
/// </summary>
public static class SmugMugProblems
{
    public static ProblemHttpResult From(SmugMugApiException e, HttpContext http)
    {
        var (status, title) = e.Kind switch
        {
            SmugMugErrorKind.NotConnected => (StatusCodes.Status409Conflict, "SmugMug is not connected"),
            SmugMugErrorKind.Unauthorized => (StatusCodes.Status409Conflict, "Reconnect SmugMug"),
            SmugMugErrorKind.PermissionTooLow => (StatusCodes.Status409Conflict, "Permission too low"),
            SmugMugErrorKind.NotFound => (StatusCodes.Status404NotFound, "Not found on SmugMug"),
            SmugMugErrorKind.RateLimited => (StatusCodes.Status503ServiceUnavailable, "SmugMug is rate limiting"),
            _ => (StatusCodes.Status502BadGateway, "SmugMug is unavailable"),
        };
        if (e.RetryAfter is { } retry && status == StatusCodes.Status503ServiceUnavailable)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return TypedResults.Problem(title: title, detail: e.Message, statusCode: status,
            extensions: new Dictionary<string, object?> { ["code"] = e.Kind.ToString() });
    }

    public static ProblemHttpResult From(ImageUrlRefusedException e) =>
        TypedResults.Problem(title: "Image refused", detail: e.Message, statusCode: StatusCodes.Status502BadGateway);

    /// <summary>Runs an endpoint body and turns SmugMug failures into problems.</summary>
    public static async Task<IResult> Guard(HttpContext http, Func<Task<IResult>> body)
    {
        try
        {
            return await body();
        }
        catch (SmugMugApiException e)
        {
            return From(e, http);
        }
        catch (ImageUrlRefusedException e)
        {
            return From(e);
        }
    }
}
