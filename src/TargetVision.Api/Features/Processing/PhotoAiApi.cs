using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TargetVision.Api.Features.Library;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Infrastructure.Http;
using TargetVision.Api.Infrastructure.Jobs;

namespace TargetVision.Api.Features.Processing;

/// <summary>Human review of a photo's AI description: read, edit, approve, regenerate, delete, history.</summary>
public static class PhotoAiApi
{
    public static void MapPhotoAiApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/photos").WithTags("Review");
        group.MapGet("/{id:int}/ai", Get).WithSummary("The current description and every version, newest first.");
        group.MapPut("/{id:int}/ai", Edit).WithSummary("Save an edited description and keywords as a new version.");
        group.MapPost("/{id:int}/ai/approve", (int id, AppDbContext db, TimeProvider clock, CancellationToken ct) => SetApproval(id, true, db, clock, ct)).WithSummary("Approve the current version.");
        group.MapPost("/{id:int}/ai/unapprove", (int id, AppDbContext db, TimeProvider clock, CancellationToken ct) => SetApproval(id, false, db, clock, ct)).WithSummary("Withdraw approval of the current version.");
        group.MapPost("/{id:int}/ai/regenerate", Regenerate).WithSummary("Describe again (a batch of one); earlier versions are kept.");
        group.MapDelete("/{id:int}/ai", Delete).WithSummary("Delete every version; the photo goes back to not_processed.");
        group.MapPost("/ai/approve", BulkApprove).WithSummary("Approve the current versions of several photos.");
    }

    private static async Task<Results<Ok<PhotoAiResponse>, NotFound>> Get(int id, AppDbContext db, CancellationToken ct)
    {
        if (!await db.Set<Photo>().AnyAsync(p => p.Id == id, ct))
        {
            return TypedResults.NotFound();
        }
        var versions = await db.Set<PhotoAiVersion>().AsNoTracking().Where(v => v.PhotoId == id).OrderByDescending(v => v.Version).ToListAsync(ct);
        var views = versions.Select(AiVersionView.From).ToList();
        return TypedResults.Ok(new PhotoAiResponse(views.FirstOrDefault(), views));
    }

    private static async Task<Results<Ok<PhotoAiResponse>, NotFound, ValidationProblem>> Edit(int id, EditAiRequest request, AppDbContext db, AiVersionWriter writer, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var description = request.Description?.Trim() ?? "";
        if (description.Length is < 1 or > 4000)
        {
            errors["description"] = ["Must be between 1 and 4000 characters."];
        }
        var raw = request.Keywords ?? [];
        if (raw.Any(k => k is null || k.Trim().Length is < 1 or > 50))
        {
            errors["keywords"] = ["Each keyword must be between 1 and 50 characters."];
        }
        var keywords = DescriptionSchema.NormalizeKeywords(raw.Where(k => k is not null)).ToList();
        if (!errors.ContainsKey("keywords") && keywords.Count is < 1 or > 30)
        {
            errors["keywords"] = ["Give between 1 and 30 distinct keywords."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (!await db.Set<Photo>().AnyAsync(p => p.Id == id && p.DeletedAt == null, ct))
        {
            return TypedResults.NotFound();
        }
        await writer.SaveEditAsync(id, description, keywords, ct);
        return (await Get(id, db, ct)).Result switch
        {
            Ok<PhotoAiResponse> ok => ok,
            _ => TypedResults.NotFound(),
        };
    }

    private static async Task<Results<Ok<AiVersionView>, ProblemHttpResult>> SetApproval(int id, bool approved, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var current = await db.Set<PhotoAiVersion>().Where(v => v.PhotoId == id).OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct);
        if (current is null)
        {
            return TypedResults.Problem("This photo has no AI description to approve.", statusCode: StatusCodes.Status404NotFound, title: "No description");
        }
        current.Approved = approved;
        current.ApprovedAt = approved ? clock.GetUtcNow() : null;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(AiVersionView.From(current));
    }

    private static async Task<Results<Ok<CountResponse>, ValidationProblem>> BulkApprove(PhotoIdsRequest request, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var ids = request.PhotoIds ?? [];
        if (ids.Length is 0 or > ProcessingPlanner.MaxPhotoIds)
        {
            return Problems.Field("photoIds", $"Give between 1 and {ProcessingPlanner.MaxPhotoIds} photo ids.");
        }
        var now = clock.GetUtcNow();
        // Only each photo's current (newest) version is approved; older versions keep their state.
        var approved = await db.Set<PhotoAiVersion>()
            .Where(v => ids.Contains(v.PhotoId) && !v.Approved
                && v.Version == db.Set<PhotoAiVersion>().Where(o => o.PhotoId == v.PhotoId).Max(o => o.Version))
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Approved, true).SetProperty(v => v.ApprovedAt, now), ct);
        return TypedResults.Ok(new CountResponse(approved));
    }

    private static async Task<Results<Accepted<CreateBatchResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Regenerate(
        int id, RegenerateRequest? request, AppDbContext db, ProcessingPlanner planner, DescribeBatchCreator creator, TimeProvider clock, CancellationToken ct)
    {
        var photo = await db.Set<Photo>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.DeletedAt == null, ct);
        if (photo is null)
        {
            return TypedResults.NotFound();
        }
        if (photo.Status is PhotoStatus.Queued or PhotoStatus.Processing)
        {
            return TypedResults.Problem("This photo is already queued or being described.", statusCode: StatusCodes.Status409Conflict, title: "Already in progress");
        }
        var (plan, errors) = await planner.PlanAsync(new ProcessingRequest("photos", [id], null, null, request?.Model, request?.PromptId, IncludeDescribed: true), ct);
        if (plan is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var batch = await creator.CreateAsync(plan with { Title = $"Regenerate {photo.Title ?? photo.FileName ?? photo.ImageKey} ({plan.Model.Label})" }, new { scope = "regenerate", photoId = id }, ct);
        return TypedResults.Accepted($"/api/batches/{batch.Id}", new CreateBatchResponse(BatchView.From(batch, clock.GetUtcNow())));
    }

    private static async Task<Results<NoContent, NotFound>> Delete(int id, AppDbContext db, PhotoStates states, CancellationToken ct)
    {
        if (!await db.Set<Photo>().AnyAsync(p => p.Id == id, ct))
        {
            return TypedResults.NotFound();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The pointer first: clearing it is the status change (and its event); the versions can go afterwards.
        await states.SetCurrentVersionAsync(id, null, ct);
        await db.Set<PhotoAiVersion>().Where(v => v.PhotoId == id).ExecuteDeleteAsync(ct);
        await db.Set<PhotoTextEmbedding>().Where(e => e.PhotoId == id).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
