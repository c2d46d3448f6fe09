using Microsoft.EntityFrameworkCore;
using TargetVision.Api.Features.SmugMug;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Infrastructure.Http;
using TargetVision.Api.Integrations.SmugMug;

namespace TargetVision.Api.Features.Library;

/// <summary>Synced photos: detail, image renditions streamed through the backend, original download, and stats.</summary>
public static class LibraryApi
{
    public static IEndpointRouteBuilder MapLibraryApi(this IEndpointRouteBuilder app)
    {
        var photos = app.MapGroup("/api/photos").WithTags("Library");
        photos.MapGet("/{id:int}", Detail).WithSummary("A synced photo with its album, folder and image URLs.");
        photos.MapGet("/{id:int}/thumbnail", Thumbnail).WithSummary("A small rendition for grids.");
        photos.MapGet("/{id:int}/image", Image).WithSummary("A rendition by SmugMug size code (Ti…X5, O) or 'largest'.");
        photos.MapGet("/{id:int}/original", Original).WithSummary("The original file as a download.");
        app.MapGet("/api/library/stats", Stats).WithTags("Library").WithSummary("Counts of synced albums and photos by status.");
        return app;
    }

    private static async Task<IResult> Detail(int id, AppDbContext db, CancellationToken ct)
    {
        var photo = await db.Set<Photo>().AsNoTracking().Include(p => p.Album).SingleOrDefaultAsync(p => p.Id == id && p.DeletedAt == null, ct);
        return photo is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(new PhotoDetail(
                photo.Id, photo.ImageKey, photo.Album!.AlbumKey, photo.Album.Name, photo.Album.FolderPath, photo.Title, photo.FileName,
                photo.Caption, photo.Keywords, photo.CapturedAt, photo.CapturedAtIsUploadDate, photo.Width, photo.Height, photo.Format,
                photo.SizeBytes, photo.Status, photo.StatusError, photo.WebUri,
                $"/api/photos/{photo.Id}/image?size=X3", $"/api/photos/{photo.Id}/image?size=largest", $"/api/photos/{photo.Id}/original"));
    }

    private static async Task<IResult> Thumbnail(int id, HttpContext http, AppDbContext db, SmugMugImages images, CancellationToken ct)
    {
        var photo = await FindAsync(db, id, ct);
        if (photo is null)
        {
            return TypedResults.NotFound();
        }
        // S (400 px) stays sharp in a ~200 px grid cell on high-density screens; Th when S is not offered.
        var code = photo.UsableSizes.Count == 0 || photo.UsableSizes.Contains("S") ? "S" : "Th";
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

    private static async Task<LibraryStats> Stats(AppDbContext db, CancellationToken ct)
    {
        var albums = await db.Set<Album>().CountAsync(a => a.DeletedAt == null && a.SyncedAt != null, ct);
        var byStatus = await db.Set<Photo>().Where(p => p.DeletedAt == null)
            .GroupBy(p => p.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Count(PhotoStatus s) => byStatus.FirstOrDefault(x => x.Key == s)?.Count ?? 0;
        return new LibraryStats(albums, byStatus.Sum(x => x.Count), Count(PhotoStatus.Completed), Count(PhotoStatus.Failed), Count(PhotoStatus.Queued) + Count(PhotoStatus.Processing));
    }
}
