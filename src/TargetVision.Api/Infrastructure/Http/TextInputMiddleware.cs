namespace TargetVision.Api.Infrastructure.Http;

/// <summary>
/// Applies <see cref="TextInput"/> to every query, route and form value before any endpoint binds it (JSON bodies
/// are checked by <see cref="TextInputJsonConverter"/>). Runs after authentication and antiforgery, so a request
/// without a session still gets its 401 first. A form that is not valid multipart is a 400 here, not a 500 later.
/// </summary>
public sealed class TextInputMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var refused = FirstRefused(context.Request);
        if (refused is null && context.Request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await context.Request.ReadFormAsync(context.RequestAborted);
            }
            catch (Exception e) when (e is InvalidDataException or IOException && e is not BadHttpRequestException)
            {
                await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "Malformed form", "The request body is not a valid form.");
                return;
            }
            refused = FirstRefused(form);
        }
        if (refused is not null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [refused] = [TextInput.ControlCharacterMessage] })
                {
                    Status = StatusCodes.Status400BadRequest,
                },
            });
            return;
        }
        await next(context);
    }

    private static string? FirstRefused(HttpRequest request)
    {
        foreach (var (key, values) in request.Query)
        {
            if (!TextInput.IsClean(key, false))
            {
                return "query";
            }
            if (values.Any(v => v is not null && !TextInput.IsClean(v, false)))
            {
                return key;
            }
        }
        foreach (var (key, value) in request.RouteValues)
        {
            if (value is string s && !TextInput.IsClean(s, false))
            {
                return key;
            }
        }
        return null;
    }

    private static string? FirstRefused(IFormCollection form)
    {
        foreach (var (key, values) in form)
        {
            if (!TextInput.IsClean(key, false))
            {
                return "form";
            }
            if (values.Any(v => v is not null && !TextInput.IsClean(v, true)))
            {
                return key;
            }
        }
        foreach (var file in form.Files)
        {
            if (!TextInput.IsClean(file.Name, false) || !TextInput.IsClean(file.FileName, false) || !TextInput.IsClean(file.ContentType ?? "", false))
            {
                return file.Name is { Length: > 0 } name && TextInput.IsClean(name, false) ? name : "file";
            }
        }
        return null;
    }
}
