using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TargetVision.Api.Features.Ai;
using TargetVision.Api.Features.Library;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Infrastructure.Http;
using TargetVision.Api.Integrations.Ai;

namespace TargetVision.Api.Features.Processing;

/// <summary>Description prompts: list, templates, create, edit (new version), activate, reset, test without saving.</summary>
public static class PromptsApi
{
    public const int MaxNameLength = 100;
    public const int MaxTextLength = 8000;

    /// <summary>Room for the multipart boundaries, headers and the prompt text next to the uploaded file.</summary>
    public const int UploadFramingBytes = 64 * 1024;

    public static void MapPromptsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/prompts").WithTags("Prompts");
        group.MapGet("/", List).WithSummary("Saved prompts with their current text; isActive marks the one used for new batches.");
        group.MapGet("/templates", () => TypedResults.Ok(PromptTemplates.All)).WithSummary("Ready-made prompts with optional people instructions.");
        group.MapPost("/", Create).WithSummary("Save a new prompt.");
        group.MapPut("/{id:int}", Update).WithSummary("Save a new version of a prompt (old versions stay referenced by their descriptions).");
        group.MapPost("/{id:int}/activate", Activate).WithSummary("Use this prompt for new batches.");
        group.MapPost("/reset", Reset).WithSummary("Make the built-in default prompt active again, with its original text.");
        // The upload may be up to Ai:MaxTestUploadBytes (10 MB), far above the API's global body cap; the slack is
        // for the multipart framing and the prompt text beside the file.
        var uploadLimit = app.ServiceProvider.GetRequiredService<IOptions<AiProcessingOptions>>().Value.MaxTestUploadBytes + UploadFramingBytes;
        group.MapPost("/test", Test).WithRequestBodyLimit(uploadLimit)
            .WithSummary("Describe a library photo (JSON) or an uploaded image (multipart) with a prompt, without saving.");
    }

    private static async Task<Ok<List<PromptView>>> List(PromptStore store, CancellationToken ct)
    {
        var prompts = await store.ListAsync(ct);
        return TypedResults.Ok(prompts.Select(p => View(p.Prompt, p.Text)).ToList());
    }

    private static async Task<Results<Created<PromptView>, ValidationProblem>> Create(PromptRequest request, PromptStore store, CancellationToken ct)
    {
        var errors = Validate(request, nameRequired: true);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var prompt = await store.CreateAsync(request.Name!.Trim(), request.Text!.Trim(), ct);
        return TypedResults.Created($"/api/prompts/{prompt.Id}", View(prompt, request.Text.Trim()));
    }

    private static async Task<Results<Ok<PromptView>, NotFound, ValidationProblem>> Update(int id, PromptRequest request, PromptStore store, CancellationToken ct)
    {
        var errors = Validate(request, nameRequired: false);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var prompt = await store.UpdateAsync(id, request.Name, request.Text!.Trim(), ct);
        return prompt is null ? TypedResults.NotFound() : TypedResults.Ok(View(prompt, request.Text.Trim()));
    }

    private static async Task<Results<Ok<PromptView>, NotFound>> Activate(int id, PromptStore store, CancellationToken ct)
    {
        if (!await store.ActivateAsync(id, ct))
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(await FindAsync(store, id, ct));
    }

    private static async Task<Ok<PromptView>> Reset(PromptStore store, CancellationToken ct)
    {
        var prompt = await store.ResetAsync(ct);
        return TypedResults.Ok(await FindAsync(store, prompt.Id, ct));
    }

    private static async Task<PromptView> FindAsync(PromptStore store, int id, CancellationToken ct)
    {
        var (prompt, text) = (await store.ListAsync(ct)).First(p => p.Prompt.Id == id);
        return View(prompt, text);
    }

    private static async Task<Results<Ok<PromptTestResponse>, ValidationProblem, NotFound, ProblemHttpResult>> Test(
        HttpContext http, AppDbContext db, ProcessingPlanner planner, PhotoDescriber describer, IOptions<AiProcessingOptions> options, CancellationToken ct)
    {
        string? text, modelId;
        int? photoId = null;
        byte[]? upload = null;
        string? uploadType = null;
        var errors = new Dictionary<string, string[]>();
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(ct);
            text = form["text"].FirstOrDefault();
            modelId = form["model"].FirstOrDefault();
            var file = form.Files.GetFile("file");
            if (file is null || file.Length == 0)
            {
                errors["file"] = ["Attach an image file."];
            }
            else if (file.Length > options.Value.MaxTestUploadBytes)
            {
                errors["file"] = [$"The image must be at most {options.Value.MaxTestUploadBytes / (1024 * 1024)} MB."];
            }
            else
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, ct);
                upload = buffer.ToArray();
                uploadType = file.ContentType;
            }
        }
        else if (!http.Request.HasJsonContentType())
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type",
                detail: "Send JSON (a library photo) or multipart/form-data (an uploaded image).");
        }
        else
        {
            var request = await http.Request.ReadFromJsonAsync<PromptTestRequest>(ct) ?? new PromptTestRequest(null, null, null);
            (text, modelId, photoId) = (request.Text, request.Model, request.PhotoId);
            if (photoId is null)
            {
                errors["photoId"] = ["Give a library photo id (or upload a file as multipart form data)."];
            }
        }
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxTextLength)
        {
            errors["text"] = [$"Must be between 1 and {MaxTextLength} characters."];
        }
        var (model, modelError) = await planner.ResolveModelAsync(modelId, ct);
        if (modelError is not null)
        {
            errors["model"] = [modelError];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        try
        {
            DescriptionOutcome outcome;
            if (upload is not null)
            {
                outcome = await describer.DescribeBytesAsync(upload, uploadType, model!.Id, text!.Trim(), ct);
            }
            else
            {
                var photo = await db.Set<Photo>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == photoId && p.DeletedAt == null, ct);
                if (photo is null)
                {
                    return TypedResults.NotFound();
                }
                outcome = await describer.DescribePhotoAsync(photo, model!.Id, text!.Trim(), ct);
            }
            await describer.RecordUsageAsync(outcome, "prompt_test", photoId, ct);
            var r = outcome.Result;
            return TypedResults.Ok(new PromptTestResponse(r.Description, r.Keywords, r.PeopleCount, r.Setting, r.InputTokens, r.OutputTokens, outcome.CostUsd, outcome.LatencyMs, outcome.Model.Id));
        }
        catch (AiProviderException ex)
        {
            return AiProblems.From(ex, "The provider could not describe the image");
        }
        catch (PhotoImageUnavailableException ex) when (ex.IsTransient)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "SmugMug is unavailable; try again shortly");
        }
        catch (PhotoImageUnavailableException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "The photo could not be fetched");
        }
    }

    private static Dictionary<string, string[]> Validate(PromptRequest request, bool nameRequired)
    {
        var errors = new Dictionary<string, string[]>();
        var name = request.Name?.Trim();
        if ((nameRequired || name is not null) && (string.IsNullOrEmpty(name) || name.Length > MaxNameLength))
        {
            errors["name"] = [$"Must be between 1 and {MaxNameLength} characters."];
        }
        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxTextLength)
        {
            errors["text"] = [$"Must be between 1 and {MaxTextLength} characters."];
        }
        return errors;
    }

    private static PromptView View(Prompt p, string text) =>
        new(p.Id, p.Name, text, p.CurrentVersion, p.BuiltInKey == PromptStore.DefaultKey, p.IsActive, p.UpdatedAt);
}
