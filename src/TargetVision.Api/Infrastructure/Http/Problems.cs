using Microsoft.AspNetCore.Mvc;

namespace TargetVision.Api.Infrastructure.Http;

/// <summary>Writes RFC 7807 problem+json bodies from middleware, where TypedResults are not available.</summary>
public static class Problems
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string? detail = null)
    {
        context.Response.StatusCode = status;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>A 400 validation problem naming a single field.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Field(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
