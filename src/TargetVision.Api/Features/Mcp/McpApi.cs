using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TargetVision.Api.Features.Library;
using TargetVision.Api.Infrastructure.Database;

namespace TargetVision.Api.Features.Mcp;

public sealed record CreateMcpTokenRequest(string? Name);

/// <summary>
/// The MCP server at /mcp (streamable HTTP, stateless, bearer token) and the owner's token management under
/// /api/mcp. With no token created nothing can pass the bearer check, so the server is off until the owner turns
/// it on by creating one.
/// </summary>
public static class McpApi
{
    public static IEndpointRouteBuilder MapMcpApi(this IEndpointRouteBuilder app)
    {
        var tokens = app.MapGroup("/api/mcp/tokens").WithTags("MCP");
        tokens.MapGet("/", List).WithName("ListMcpTokens").WithSummary("Personal access tokens of the MCP server (never the secret).");
        tokens.MapPost("/", Create).WithName("CreateMcpToken").WithSummary("Creates a token; the response is the only time its secret is shown.");
        tokens.MapDelete("/{id:long}", Revoke).WithName("RevokeMcpToken").WithSummary("Revokes a token at once.");

        app.MapMcp("/mcp").RequireAuthorization(McpTokenAuthenticationHandler.Policy).ExcludeFromDescription();
        app.MapGet("/mcp/photos/{id:int}/thumbnail", Thumbnail).RequireAuthorization(McpTokenAuthenticationHandler.Policy).ExcludeFromDescription();
        return app;
    }

    private static async Task<Ok<IReadOnlyList<McpTokenView>>> List(McpTokens tokens, CancellationToken ct) =>
        TypedResults.Ok(await tokens.ListAsync(ct));

    private static async Task<Results<Created<McpTokenCreated>, ValidationProblem>> Create(CreateMcpTokenRequest body, McpTokens tokens, CancellationToken ct)
    {
        var name = body.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100 || name.Any(char.IsControl))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["Name the token (1 to 100 characters), e.g. after the app that uses it."] });
        }
        var created = await tokens.CreateAsync(name, ct);
        return TypedResults.Created($"/api/mcp/tokens/{created.Token.Id}", created);
    }

    private static async Task<Results<NoContent, NotFound>> Revoke(long id, McpTokens tokens, CancellationToken ct) =>
        await tokens.RevokeAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> Thumbnail(
        int id, AppDbContext db, IPhotoImageSource images, CancellationToken ct)
    {
        var photo = await db.Set<Photo>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.DeletedAt == null, ct);
        if (photo is null)
        {
            return TypedResults.NotFound();
        }
        try
        {
            var image = await images.GetImageAsync(photo, 400, ct);
            return TypedResults.File(image.Bytes, image.ContentType);
        }
        catch (PhotoImageUnavailableException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status502BadGateway, title: "The thumbnail could not be fetched");
        }
    }
}
