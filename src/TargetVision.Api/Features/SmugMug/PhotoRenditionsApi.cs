using Microsoft.EntityFrameworkCore;
using TargetVision.Api.Features.Library;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Infrastructure.Http;
using TargetVision.Api.Integrations.SmugMug;

namespace TargetVision.Api.Features.SmugMug;

/// <summary>
/// A synced photo's pixels, streamed through the backend from SmugMug (signed, cached). The routes sit under the
/// Library's /api/photos because that is where the browser looks for a photo; the bytes are SmugMug's business.
/// </summary>
public static class PhotoRenditionsApi
{
    public static IEndpointRouteBuilder MapPhotoRenditionsApi(this IEndpointRouteBuilder app)
    {
        var photos = app.MapGroup("/api/photos").WithTags("Library");
        photos.MapGet("/{id:int}/thumbnail", Thumbnail).WithSummary("A small rendition for grids.");
        photos.MapGet("/{id:int}/image", Image).WithSummary("A rendition by SmugMug size code (Ti…X5, O) or 'largest'.");
        photos.MapGet("/{id:int}/original", Original).WithSummary("The original file as a download.");
        return app;
    }

    private static async Task<IResult> Thumbnail(int id, HttpContext http, AppDbContext db, SmugMugImages images, CancellationToken ct)
    {
        var photo = await FindAsync(db, id, ct);
        if (photo is null)
        {
            return TypedResults.NotFound();
        }
        var code = SmugMugImages.ThumbnailCode(photo);
        return await SmugMugProblems.Guard(http, async () => ImageResults.Serve(http, await images.GetPhotoSizeAsync(photo, code, ct), TimeSpan.FromHours(1)));
    }

    private static async Task<IResult> Image(int id, string? size, HttpContext http, AppDbContext db, SmugMugImages images, CancellationToken ct)
    {
        var code = size ?? "X3";
        if (code != "largest" && !SizeCodes.IsValid(code))
        {
            return Problems.Field("size", "Must be one of Ti, Th, S, M, L, XL, X2, X3, X4, X5, O or 'largest'.");
        }
        var photo = await FindAsync(db, id, ct);
        if (photo is null)
        {
            return TypedResults.NotFound();
        }
        return await SmugMugProblems.Guard(http, async () => ImageResults.Serve(http, await images.GetPhotoSizeAsync(photo, code, ct), TimeSpan.FromHours(1)));
    }

    private static async Task<IResult> Original(int id, HttpContext http, AppDbContext db, SmugMugImages images, CancellationToken ct)
    {
        var photo = await FindAsync(db, id, ct);
        if (photo is null)
        {
            return TypedResults.NotFound();
        }
        var name = photo.FileName is { Length: > 0 } file ? file : (photo.Title is { Length: > 0 } title ? title + ".jpg" : photo.ImageKey + ".jpg");
        return await SmugMugProblems.Guard(http, async () => ImageResults.Serve(http, await images.GetPhotoSizeAsync(photo, "O", ct), TimeSpan.FromHours(1), name));
    }

    private static Task<Photo?> FindAsync(AppDbContext db, int id, CancellationToken ct) =>
        db.Set<Photo>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.DeletedAt == null, ct);
}
