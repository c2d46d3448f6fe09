using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TargetVision.Api.Infrastructure.Http;
using TargetVision.Api.Infrastructure.Jobs;
using TargetVision.Api.Integrations.Onnx;

namespace TargetVision.Api.Features.Visual;

/// <summary>Image embeddings (coverage, backfill), similar photos, near-duplicates and search by example.</summary>
public static class VisualApi
{
    public const int MaxLimit = 100;
    public const long MaxUploadBytes = 20 * 1024 * 1024;

    public static IEndpointRouteBuilder MapVisualApi(this IEndpointRouteBuilder app)
    {
        var embeddings = app.MapGroup("/api/embeddings").WithTags("Visual");
        embeddings.MapGet("/stats", Stats).WithName("EmbeddingStats")
            .WithSummary("Coverage of the library by image embeddings, per model, and whether a model is installed.");
        embeddings.MapPost("/backfill", Backfill).WithName("BackfillEmbeddings")
            .WithSummary("Embed every photo whose image embedding is missing or stale, as a batch with live progress.");

        app.MapGet("/api/photos/{id:int}/similar", Similar).WithTags("Visual").WithName("SimilarPhotos")
            .WithSummary("Photos that look like this one, most similar first (itself and deleted photos excluded).");
        app.MapPost("/api/search/by-example", ByExample).WithRequestBodyLimit(MaxUploadBytes + 64 * 1024).WithTags("Visual").WithName("SearchByExample")
            .WithSummary("Photos that look like an uploaded image (multipart field \"file\").");

        var duplicates = app.MapGroup("/api/duplicates").WithTags("Visual");
        duplicates.MapGet("/", Duplicates).WithName("NearDuplicates")
            .WithSummary("Groups of near-identical photos (bursts, re-uploads, edited copies), largest first.");
        duplicates.MapPost("/dismissals", Dismiss).WithName("DismissDuplicates")
            .WithSummary("Remember that these photos are not duplicates of each other.");
        return app;
    }

    private static ProblemHttpResult Unavailable(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Visual search is not available");

    private static async Task<EmbeddingStats> Stats(VisualQueries queries, CancellationToken ct) => await queries.StatsAsync(ct);

    private static async Task<Results<Accepted<BatchStarted>, ProblemHttpResult>> Backfill(
        VisualModel model, EmbeddingPlanner planner, TimeProvider clock, CancellationToken ct)
    {
        if (!model.Enabled)
        {
            return Unavailable(model.Status().ImageModelInstalled ? "Visual search is switched off (Visual:Enabled)." : VisualModel.InstallHint);
        }
        var batch = await planner.BackfillAsync($"Embed images ({model.ModelId})", ct);
        return TypedResults.Accepted($"/api/batches/{batch.Id}", new BatchStarted(BatchView.From(batch, clock.GetUtcNow())));
    }

    private static async Task<Results<Ok<SimilarResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Similar(
        int id, int? limit, VisualModel model, VisualQueries queries, CancellationToken ct)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"Must be between 1 and {MaxLimit}."] });
        }
        if (!model.Enabled)
        {
            return Unavailable(VisualModel.InstallHint);
        }
        var embedding = await queries.EmbeddingOfAsync(id, ct);
        if (embedding is null)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(new SimilarResponse(id, model.ModelId, await queries.NearestAsync(embedding, id, limit ?? 12, ct)));
    }

    private static async Task<Results<Ok<ExampleSearchResponse>, ValidationProblem, ProblemHttpResult>> ByExample(
        HttpRequest request, [FromQuery] int? limit, VisualModel model, VisualQueries queries, CancellationToken ct)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"Must be between 1 and {MaxLimit}."] });
        }
        if (!request.HasFormContentType)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Upload an image as multipart form data (field \"file\")."] });
        }
        IFormFile? file;
        try
        {
            file = (await request.ReadFormAsync(ct)).Files.GetFile("file");
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException)
        {
            // A form content type with a body that is not one (no boundary, truncated parts): the client's mistake.
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["The body is not a valid multipart form."] });
        }
        if (file is null || file.Length == 0 || file.Length > MaxUploadBytes)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [$"Attach an image of at most {MaxUploadBytes / (1024 * 1024)} MB."] });
        }
        if (!model.Enabled)
        {
            return Unavailable(VisualModel.InstallHint);
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        float[] vector;
        try
        {
            var encoder = model.ImageEncoder();
            vector = await Task.Run(() => encoder.Embed(encoder.Preprocessor.Preprocess(buffer.ToArray()), 1)[0], ct);
        }
        catch (ImageDecodeException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [ex.Message] });
        }
        catch (VisualUnavailableException ex)
        {
            return Unavailable(ex.Message);
        }
        return TypedResults.Ok(new ExampleSearchResponse(model.ModelId, await queries.NearestAsync(vector, null, limit ?? 24, ct)));
    }

    private static async Task<Results<Ok<DuplicatesResponse>, ValidationProblem, ProblemHttpResult>> Duplicates(
        double? threshold, int? page, int? pageSize, VisualModel model, VisualQueries queries, IOptions<VisualOptions> options, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var problem))
        {
            return problem!;
        }
        if (threshold is not null && (double.IsNaN(threshold.Value) || threshold is < 0.5 or > 1.0))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["threshold"] = ["Must be a cosine similarity between 0.5 and 1."] });
        }
        if (!model.Enabled)
        {
            return Unavailable(VisualModel.InstallHint);
        }
        var t = threshold ?? options.Value.DuplicateThreshold;
        var (groups, total) = await queries.DuplicatesAsync(t, paging.Skip, paging.PageSize, ct);
        return TypedResults.Ok(new DuplicatesResponse(groups, paging.Page, paging.PageSize, total, t, model.ModelId));
    }

    private static async Task<Results<Ok<DismissDuplicatesResponse>, ValidationProblem>> Dismiss(
        DismissDuplicatesRequest request, VisualQueries queries, TimeProvider clock, CancellationToken ct)
    {
        if (request.PhotoIds is not { Length: >= 2 and <= 50 })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["photoIds"] = ["Give 2 to 50 photo ids."] });
        }
        return TypedResults.Ok(new DismissDuplicatesResponse(await queries.DismissAsync(request.PhotoIds, clock.GetUtcNow(), ct)));
    }
}

public sealed record BatchStarted(BatchView Batch);
