using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TargetVision.Api.Features.Ai;
using TargetVision.Api.Features.Library;
using TargetVision.Api.Infrastructure.Database;

namespace TargetVision.Api.Features.Processing;

/// <summary>
/// Turns a describe request into a plan — which photos, which model, which prompt version — validating every field
/// first and collecting all errors, and estimates what the plan will cost.
/// </summary>
public sealed class ProcessingPlanner(AppDbContext db, AiClients ai, PromptStore prompts, IOptions<AiProcessingOptions> options)
{
    public const int MaxPhotoIds = 10_000;
    private static readonly string[] Scopes = ["photos", "album", "folder", "undescribed"];

    public async Task<(ProcessingPlan? Plan, Dictionary<string, string[]> Errors)> PlanAsync(ProcessingRequest request, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var scope = request.Scope?.Trim().ToLowerInvariant();
        IQueryable<Photo> photos = db.Set<Photo>().AsNoTracking().Where(p => p.DeletedAt == null && !p.IsVideo);
        var title = "";
        switch (scope)
        {
            case "photos":
                var ids = request.PhotoIds ?? [];
                if (ids.Length is 0 or > MaxPhotoIds)
                {
                    errors["photoIds"] = [$"Give between 1 and {MaxPhotoIds} photo ids."];
                    break;
                }
                var distinct = ids.Distinct().ToArray();
                var known = await photos.Where(p => distinct.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
                var unknown = distinct.Except(known).Take(10).ToList();
                if (unknown.Count > 0)
                {
                    errors["photoIds"] = [$"Unknown or unsynced photo ids: {string.Join(", ", unknown)}."];
                }
                photos = photos.Where(p => distinct.Contains(p.Id));
                title = distinct.Length == 1 ? "Describe 1 photo" : $"Describe {distinct.Length} selected photos";
                break;
            case "album":
                var album = string.IsNullOrWhiteSpace(request.AlbumKey) ? null
                    : await db.Set<Album>().AsNoTracking().SingleOrDefaultAsync(a => a.AlbumKey == request.AlbumKey && a.DeletedAt == null, ct);
                if (album is null)
                {
                    errors["albumKey"] = [string.IsNullOrWhiteSpace(request.AlbumKey) ? "Required for scope 'album'." : "No synced album has this key."];
                    break;
                }
                photos = photos.Where(p => p.AlbumId == album.Id);
                title = $"Describe album {album.Name}";
                break;
            case "folder":
                if (request.FolderPath is null || request.FolderPath.Length > 1000)
                {
                    errors["folderPath"] = ["Required for scope 'folder' (\"\" is the root)."];
                    break;
                }
                var path = request.FolderPath.Trim();
                var prefix = path + " / ";
                photos = path.Length == 0 ? photos
                    : photos.Where(p => p.Album!.DeletedAt == null && (p.Album.FolderPath == path || p.Album.FolderPath.StartsWith(prefix)));
                title = path.Length == 0 ? "Describe all folders" : $"Describe folder {path}";
                break;
            case "undescribed":
                photos = photos.Where(p => p.Status == PhotoStatus.NotProcessed || p.Status == PhotoStatus.Failed);
                title = "Describe all undescribed photos";
                break;
            default:
                errors["scope"] = [$"Must be one of: {string.Join(", ", Scopes)}."];
                break;
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
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var includeDescribed = request.IncludeDescribed ?? scope == "photos";
        var candidates = await photos.Select(p => new { p.Id, p.Width, p.Height, p.Status }).ToListAsync(ct);
        var inProgress = candidates.Count(p => p.Status is PhotoStatus.Queued or PhotoStatus.Processing);
        var described = candidates.Count(p => p.Status == PhotoStatus.Completed);
        var selected = candidates
            .Where(p => p.Status is not (PhotoStatus.Queued or PhotoStatus.Processing) && (includeDescribed || p.Status != PhotoStatus.Completed))
            .Select(p => (p.Id, p.Width, p.Height)).ToList();
        return (new ProcessingPlan(selected, includeDescribed ? 0 : described, inProgress, model!, prompt!, $"{title} ({model!.Label})"), errors);
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
