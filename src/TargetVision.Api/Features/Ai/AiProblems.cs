using Microsoft.AspNetCore.Http.HttpResults;
using TargetVision.Api.Integrations.Ai;

namespace TargetVision.Api.Features.Ai;

/// <summary>Provider failures as problem+json for endpoints that call a provider while the user waits.</summary>
public static class AiProblems
{
    /// <summary>Transient kinds are 503 (try again shortly); the others 422 with <paramref name="title"/>.</summary>
    public static ProblemHttpResult From(AiProviderException error, string title) => error.IsTransient
        ? TypedResults.Problem(error.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The provider is unavailable; try again shortly")
        : TypedResults.Problem(error.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: title);
}
