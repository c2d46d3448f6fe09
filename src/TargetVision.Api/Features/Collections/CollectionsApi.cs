using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TargetVision.Api.Features.SmugMug;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Infrastructure.Http;
using TargetVision.Api.Infrastructure.Jobs;

namespace TargetVision.Api.Features.Collections;

/// <summary>/api/collections: curate photos from anywhere, order them, download them as a ZIP, publish them to SmugMug.</summary>
public static class CollectionsApi
{
    public static IEndpointRouteBuilder MapCollectionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/collections").WithTags("Collections");
        group.MapGet("/", List).WithName("ListCollections").WithSummary("Every collection with its cover, photo count and last change, most recently changed first.");
        group.MapPost("/", Create).WithName("CreateCollection").WithSummary("Create a collection, optionally with photos (all or nothing).");
        group.MapGet("/{id:int}", Get).WithName("GetCollection").WithSummary("One collection.");
        group.MapPatch("/{id:int}", Update).WithName("UpdateCollection").WithSummary("Rename, describe, set or reset the cover, change the order.");
        group.MapDelete("/{id:int}", Delete).WithName("DeleteCollection").WithSummary("Delete a collection; its photos stay in the library.");
        group.MapGet("/{id:int}/photos", Photos).WithName("ListCollectionPhotos").WithSummary("The collection's photos in its order; photos removed on SmugMug are flagged.");
        group.MapPost("/{id:int}/photos", AddPhotos).WithName("AddCollectionPhotos").WithSummary("Add photos at the end; adding a member again changes nothing.");
        group.MapPost("/{id:int}/photos/remove", RemovePhotos).WithName("RemoveCollectionPhotos").WithSummary("Remove photos; ids that are not members are ignored.");
        group.MapPut("/{id:int}/order", Reorder).WithName("ReorderCollection").WithSummary("Store a manual order (every member exactly once) and switch to it.");
        group.MapGet("/membership", Membership).WithName("CollectionMembership").WithSummary("For each photo id (?photoIds=1,2), the collections it belongs to.");
        group.MapGet("/{id:int}/download.zip", Download).WithName("DownloadCollection")
            .WithSummary("The originals as a ZIP streamed while they arrive from SmugMug, with manifest.csv (photos that could not be fetched are listed there).");
        group.MapPost("/{id:int}/publish", Publish).WithName("PublishCollection")
            .WithSummary("Publish as a new SmugMug album (collects the photos, uploads nothing); a job with progress. Publishing again resumes into the same album.");
        group.MapGet("/members", Members).WithName("CollectedPhotoIds").WithSummary("Ids of every photo that is in at least one collection.");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<CollectionView>>> List(CollectionStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.ListAsync(ct));

    private static async Task<Results<Created<CollectionView>, ValidationProblem, ProblemHttpResult>> Create(
        CreateCollectionRequest request, CollectionStore store, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var name = ValidName(request.Name, errors);
        var description = ValidDescription(request.Description, errors);
        ValidPhotoIds(request.PhotoIds, errors, required: false);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        try
        {
            var (created, unknown) = await store.CreateAsync(name!, description, request.PhotoIds ?? [], ct);
            return created is null ? UnknownPhotos(unknown) : TypedResults.Created($"/api/collections/{created.Id}", created);
        }
        catch (DuplicateCollectionNameException e)
        {
            return NameTaken(e);
        }
    }

    private static async Task<Results<Ok<CollectionView>, NotFound>> Get(int id, CollectionStore store, CancellationToken ct) =>
        await store.GetAsync(id, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<Results<Ok<CollectionView>, NotFound, ValidationProblem, ProblemHttpResult>> Update(
        int id, UpdateCollectionRequest request, CollectionStore store, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var name = request.Name is null ? null : ValidName(request.Name, errors);
        ValidDescription(request.Description, errors);
        if (request.CoverPhotoId is not null && request.ResetCover == true)
        {
            errors["coverPhotoId"] = ["Give a cover photo or resetCover, not both."];
        }
        if (request.OrderMode is { } mode && !Enum.IsDefined(mode))
        {
            errors["orderMode"] = ["Must be added, captured, title or manual."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        try
        {
            var (outcome, view) = await store.UpdateAsync(id, name, request, ct);
            return outcome switch
            {
                CollectionStore.UpdateOutcome.Updated => TypedResults.Ok(view!),
                CollectionStore.UpdateOutcome.CoverNotMember => TypedResults.Problem(
                    "The cover must be a photo of this collection that still exists on SmugMug.", statusCode: StatusCodes.Status404NotFound, title: "Cover photo not in the collection"),
                _ => TypedResults.NotFound(),
            };
        }
        catch (DuplicateCollectionNameException e)
        {
            return NameTaken(e);
        }
    }

    private static async Task<Results<NoContent, NotFound>> Delete(int id, CollectionStore store, CancellationToken ct) =>
        await store.DeleteAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<Ok<PagedResult<CollectionPhotoView>>, NotFound, ValidationProblem>> Photos(
        int id, int? page, int? pageSize, CollectionStore store, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var problem))
        {
            return problem!;
        }
        if (await store.PhotosAsync(id, paging.Skip, paging.PageSize, ct) is not { } result)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(new PagedResult<CollectionPhotoView>(result.Photos, paging.Page, paging.PageSize, result.Total));
    }

    private static async Task<Results<Ok<MembershipChange>, NotFound, ValidationProblem, ProblemHttpResult>> AddPhotos(
        int id, PhotoIdsRequest request, CollectionStore store, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        ValidPhotoIds(request.PhotoIds, errors, required: true);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var (change, unknown) = await store.AddAsync(id, request.PhotoIds!, ct);
        return change is not null ? TypedResults.Ok(change) : unknown.Count > 0 ? UnknownPhotos(unknown) : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<MembershipChange>, NotFound, ValidationProblem>> RemovePhotos(
        int id, PhotoIdsRequest request, CollectionStore store, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        ValidPhotoIds(request.PhotoIds, errors, required: true);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return await store.RemoveAsync(id, request.PhotoIds!, ct) is { } change ? TypedResults.Ok(change) : TypedResults.NotFound();
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> Reorder(
        int id, PhotoIdsRequest request, CollectionStore store, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        ValidPhotoIds(request.PhotoIds, errors, required: true);
        if (errors.Count == 0 && request.PhotoIds!.Distinct().Count() != request.PhotoIds!.Count)
        {
            errors["photoIds"] = ["Each photo may appear only once."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return await store.ReorderAsync(id, request.PhotoIds!, ct) switch
        {
            CollectionStore.ReorderOutcome.Reordered => TypedResults.NoContent(),
            CollectionStore.ReorderOutcome.NotTheMembers => TypedResults.Problem(
                "The order must list every photo of the collection exactly once; reload the collection and try again.",
                statusCode: StatusCodes.Status409Conflict, title: "The collection changed"),
            _ => TypedResults.NotFound(),
        };
    }

    private static async Task<Results<Ok<MembershipView>, ValidationProblem>> Membership(string? photoIds, CollectionStore store, CancellationToken ct)
    {
        var ids = new List<int>();
        foreach (var part in (photoIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                return Problems.Field("photoIds", "Give photo ids as positive integers separated by commas.");
            }
            ids.Add(value);
        }
        if (ids.Count is 0 or > 500)
        {
            return Problems.Field("photoIds", "Give between 1 and 500 photo ids.");
        }
        return TypedResults.Ok(await store.MembershipAsync(ids, ct));
    }

    private static async Task<Results<EmptyHttpResult, NotFound>> Download(int id, HttpContext http, AppDbContext db, CollectionZipWriter writer, CancellationToken ct)
    {
        var collection = await db.Set<Collection>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (collection is null)
        {
            return TypedResults.NotFound();
        }
        var expected = await db.Set<CollectionMember>().Where(m => m.CollectionId == id && m.Photo!.DeletedAt == null).SumAsync(m => m.Photo!.SizeBytes ?? 0, ct);
        http.Response.ContentType = "application/zip";
        http.Response.Headers.ContentDisposition = ContentDisposition.Attachment(collection.Name + ".zip");
        http.Response.Headers.CacheControl = "no-store";
        // No Content-Length exists before the last byte; the originals' sizes let the browser show progress.
        http.Response.Headers["X-Expected-Bytes"] = expected.ToString(CultureInfo.InvariantCulture);
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        try
        {
            await writer.WriteAsync(collection, http.Response.Body, ct);
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // The browser went away: nothing left to answer.
        }
        return TypedResults.Empty;
    }

    private static async Task<Results<Accepted<PublishStarted>, NotFound, ValidationProblem, ProblemHttpResult>> Publish(
        int id, PublishRequest request, AppDbContext db, CollectionPublisher publisher, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Name is { } name && (name.Trim().Length is < 1 or > CollectionRules.MaxNameLength || name.Any(char.IsControl)))
        {
            errors["name"] = [$"Give an album name of 1 to {CollectionRules.MaxNameLength} characters."];
        }
        if (request.FolderNodeId is { } folder && (folder.Length is < 1 or > 50 || !folder.All(char.IsAsciiLetterOrDigit)))
        {
            errors["folderNodeId"] = ["Not a SmugMug node id."];
        }
        if (request.Privacy is { } privacy && !Enum.IsDefined(privacy))
        {
            errors["privacy"] = ["Must be public, unlisted or private."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var collection = await db.Set<Collection>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (collection is null)
        {
            return TypedResults.NotFound();
        }
        if (!await db.Set<CollectionMember>().AnyAsync(m => m.CollectionId == id && m.Photo!.DeletedAt == null, ct))
        {
            return TypedResults.Problem("Add photos before publishing.", statusCode: StatusCodes.Status409Conflict, title: "Empty collection");
        }
        try
        {
            var batch = await publisher.StartAsync(collection, request, ct);
            return TypedResults.Accepted($"/api/batches/{batch.Id}", new PublishStarted(BatchView.From(batch, clock.GetUtcNow())));
        }
        catch (PublishRefusedException e)
        {
            return TypedResults.Problem(e.Message, statusCode: e.Status, title: e.Title,
                extensions: e.Code is null ? null : new Dictionary<string, object?> { ["code"] = e.Code });
        }
    }

    private static async Task<Ok<MemberIdsView>> Members(CollectionStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.MemberIdsAsync(ct));

    private static string? ValidName(string? raw, Dictionary<string, string[]> errors)
    {
        var name = raw?.Trim() ?? "";
        if (name.Length is < 1 or > CollectionRules.MaxNameLength || name.Any(char.IsControl))
        {
            errors["name"] = [$"Give a name of 1 to {CollectionRules.MaxNameLength} characters, without control characters."];
            return null;
        }
        return name;
    }

    private static string? ValidDescription(string? raw, Dictionary<string, string[]> errors)
    {
        var description = raw?.Trim();
        if (description is { Length: > CollectionRules.MaxDescriptionLength })
        {
            errors["description"] = [$"At most {CollectionRules.MaxDescriptionLength} characters."];
        }
        return string.IsNullOrEmpty(description) ? null : description;
    }

    private static void ValidPhotoIds(IReadOnlyList<int>? ids, Dictionary<string, string[]> errors, bool required)
    {
        if (ids is null)
        {
            if (required)
            {
                errors["photoIds"] = ["Give the photo ids."];
            }
            return;
        }
        if ((required && ids.Count == 0) || ids.Count > CollectionRules.MaxPhotosPerRequest || ids.Any(i => i < 1))
        {
            errors["photoIds"] = [$"Give 1 to {CollectionRules.MaxPhotosPerRequest} positive photo ids."];
        }
    }

    private static ProblemHttpResult UnknownPhotos(IReadOnlyList<int> unknown) => TypedResults.Problem(
        $"No such photo (or it was removed on SmugMug): {string.Join(", ", unknown.Take(20))}{(unknown.Count > 20 ? ", …" : "")}.",
        statusCode: StatusCodes.Status404NotFound, title: "Unknown photos",
        extensions: new Dictionary<string, object?> { ["photoIds"] = unknown });

    private static ProblemHttpResult NameTaken(DuplicateCollectionNameException e) =>
        TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Name already used");
}
