using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace TargetVision.Api.Infrastructure.Http;

/// <summary>
/// Makes every error an RFC 7807 problem+json body: binding failures (malformed JSON, wrong types, oversized
/// bodies), unknown routes, wrong methods and unhandled exceptions (without stack traces).
/// </summary>
public static class ProblemDetailsSetup
{
    public static IServiceCollection AddProblemResponses(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        return services;
    }

    public static WebApplication UseProblemResponses(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}

/// <summary>Turns request-shape failures into 4xx problems that say what was wrong with the input.</summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is ControlCharacterException or BadHttpRequestException { InnerException: ControlCharacterException })
        {
            var json = exception as ControlCharacterException ?? (ControlCharacterException)exception.InnerException!;
            httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [FieldOf(json.Path)] = [TextInput.ControlCharacterMessage] })
                {
                    Status = StatusCodes.Status400BadRequest,
                },
                Exception = exception,
            });
        }
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (413, "Request body too large", "The request body exceeds the configured limit (Http__MaxRequestBodyBytes)."),
            BadHttpRequestException { InnerException: JsonException json } => (400, "Malformed JSON", Describe(json)),
            BadHttpRequestException bad => (bad.StatusCode, "Invalid request", bad.Message),
            JsonException json => (400, "Malformed JSON", Describe(json)),
            // Two requests changing the same thing at once (a double click, the UI racing a batch): the loser is told
            // to reload and try again instead of getting a 500.
            DbUpdateConcurrencyException => (409, "Changed meanwhile", "Someone else changed this at the same time; reload and try again."),
            DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } } =>
                (409, "Conflict", "This conflicts with a change made at the same time; reload and try again."),
            _ => (0, "", ""),
        };
        if (status == 0)
        {
            return false;
        }
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
            Exception = exception,
        });
    }

    /// <summary>"$.items[2].name" → "items[2].name": the field as the client wrote it.</summary>
    private static string FieldOf(string? path) =>
        path is null || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    // The JSON reader's message names the path and position but never echoes request content.
    private static string Describe(JsonException json) =>
        json.Path is { Length: > 0 } path ? $"The JSON body is not valid at '{path}' (line {json.LineNumber + 1})." : "The request body is not valid JSON.";
}
