using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TargetVision.Api.Features.Search;

/// <summary>GET /api/search: hybrid full-text + semantic (+ visual) search with filters, facets and explanations.</summary>
public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        var search = app.MapGroup("/api/search").WithTags("Search");
        search.MapGet("/", Search)
            .WithName("SearchPhotos")
            .WithSummary("Find photos by words, meaning or picture, with filters; an empty query lists the filtered photos by capture date.");
        // Browsing by filter is search with no words: the same filters, validation and statement, newest capture first.
        app.MapGroup("/api/photos").WithTags("Search").MapGet("/", List)
            .WithName("ListPhotos")
            .WithSummary("Synced photos under the search filters (album, folder, dates, status, approved, keywords, media), newest capture first, with facets.");
        return app;
    }

    private static async Task<Results<Ok<SearchResponse>, ValidationProblem, ProblemHttpResult>> Search(
        [AsParameters] SearchParameters parameters, SearchService search, HttpContext http, CancellationToken ct)
    {
        var total = Stopwatch.StartNew();
        if (!parameters.TryValidate(out var query, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (query.Mode == SearchMode.Visual && !search.VisualAvailable)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["mode"] = ["Visual search is not available yet: no image (CLIP) embeddings exist. Use hybrid, text or semantic."],
            }, title: "Visual search is not available");
        }
        try
        {
            var (response, timings) = await search.SearchAsync(query, ct);
            http.Response.Headers["Server-Timing"] = string.Create(CultureInfo.InvariantCulture,
                $"embedding;dur={timings.EmbeddingMs:0.0}, db;dur={timings.DatabaseMs:0.0}, total;dur={total.Elapsed.TotalMilliseconds:0.0}");
            return TypedResults.Ok(response);
        }
        catch (SignalUnavailableException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Search signal unavailable");
        }
    }

    private static async Task<Results<Ok<PhotoListResponse>, ValidationProblem>> List(
        [AsParameters] PhotoListParameters parameters, SearchService search, CancellationToken ct)
    {
        if (!parameters.ToSearch().TryValidate(out var query, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }
        var (response, _) = await search.SearchAsync(query, ct);
        return TypedResults.Ok(PhotoListResponse.From(response));
    }
}
