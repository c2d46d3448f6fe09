using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TargetVision.Api.Features.Ai;
using TargetVision.Api.Features.Library;

namespace TargetVision.Api.Features.Processing;

/// <summary>
/// Turns a describe request into a plan — which photos, which model, which prompt version — validating every field
/// first and collecting all errors, and estimates what the plan will cost.
/// </summary>
public sealed class ProcessingPlanner(PhotoScopes scopes, AiClients ai, PromptStore prompts, IOptions<AiProcessingOptions> options)
{
    public const int MaxPhotoIds = PhotoScope.MaxPhotoIds;
    private static readonly string[] Scopes = ["photos", "album", "folder", "undescribed"];

    public async Task<(ProcessingPlan? Plan, Dictionary<string, string[]> Errors)> PlanAsync(ProcessingRequest request, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var scope = request.Scope?.Trim().ToLowerInvariant();
        PhotoScope? photoScope = scope switch
        {
            "photos" => PhotoScope.Selection(request.PhotoIds),
            "album" => PhotoScope.Album(request.AlbumKey),
            "folder" => PhotoScope.Folder(request.FolderPath),
            "undescribed" => PhotoScope.All().WithStatuses(PhotoStatus.NotProcessed, PhotoStatus.Failed),
            _ => null,
        };
        ScopedPhotos? photos = null;
        if (photoScope is null)
        {
            errors["scope"] = [$"Must be one of: {string.Join(", ", Scopes)}."];
        }
        else
        {
            (photos, var scopeErrors) = await scopes.ResolveAsync(photoScope, ct);
            foreach (var (field, messages) in scopeErrors)
            {
                errors[field] = messages;
            }
        }

        var (model, modelError) = await ResolveModelAsync(request.Model, ct);
        if (modelError is not null)
        {
            errors["model"] = [modelError];
        }
        var prompt = await prompts.ResolveAsync(request.PromptId, ct);
        if (prompt is null)
        {
            errors["promptId"] = ["No prompt has this id."];
        }
        if (errors.Count > 0 || photos is null)
        {
            return (null, errors);
        }

        // Counted and filtered in the database: a scope can be the whole library.
        var includeDescribed = request.IncludeDescribed ?? scope == "photos";
        var candidates = photos.Query.Where(p => !p.IsVideo);
        var byStatus = await candidates.GroupBy(p => p.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Count(PhotoStatus s) => byStatus.FirstOrDefault(x => x.Key == s)?.Count ?? 0;
        var selected = await candidates
            .Where(p => p.Status != PhotoStatus.Queued && p.Status != PhotoStatus.Processing && (includeDescribed || p.Status != PhotoStatus.Completed))
            .OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Width, p.Height }).ToListAsync(ct);
        var title = scope == "undescribed" ? "Describe all undescribed photos" : $"Describe {photos.Label}";
        return (new ProcessingPlan([.. selected.Select(p => (p.Id, p.Width, p.Height))], includeDescribed ? 0 : Count(PhotoStatus.Completed),
            Count(PhotoStatus.Queued) + Count(PhotoStatus.Processing), model!, prompt!, $"{title} ({model!.Label})"), errors);
    }

    /// <summary>The requested model, or the preferred provider's preferred model; it must be priced and have a key.</summary>
    public Task<(AiModel? Model, string? Error)> ResolveModelAsync(string? requested, CancellationToken ct) => ai.ResolveModelAsync(requested, ct);

    public EstimateResponse Estimate(ProcessingPlan plan)
    {
        var o = options.Value;
        long input = 0;
        foreach (var (_, width, height) in plan.Photos)
        {
            input += o.EstimatedPromptTokens + plan.Prompt.Text.Length / 4 + ImageTokens(plan.Model.Provider, width ?? 1568, height ?? 1045);
        }
        long output = (long)plan.Photos.Count * o.EstimatedOutputTokens;
        return new EstimateResponse(plan.Photos.Count, plan.AlreadyDescribed, plan.InProgress, plan.Model.Id, plan.Model.Provider,
            input, output, Math.Round(plan.Model.Cost(input, output), 4));
    }

    /// <summary>Image tokens after the image is fitted to our limits, by each provider's published formula.</summary>
    public long ImageTokens(string provider, int width, int height)
    {
        var o = options.Value;
        var scale = Math.Min(1.0, Math.Min((double)o.LongEdge / Math.Max(width, height), Math.Sqrt(o.MaxMegapixels * 1_000_000 / ((double)width * height))));
        double w = Math.Max(1, Math.Floor(width * scale)), h = Math.Max(1, Math.Floor(height * scale));
        return ai.FindProvider(provider)?.ImageTokens(w, h) ?? 0;
    }
}
