using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TargetVision.Api.Infrastructure.Database;

namespace TargetVision.Api.Features.Library;

/// <summary>Synced photos: detail and stats. Their pixels come from the SmugMug feature (same /api/photos routes).</summary>
public static class LibraryApi
{
    public static IEndpointRouteBuilder MapLibraryApi(this IEndpointRouteBuilder app)
    {
        var photos = app.MapGroup("/api/photos").WithTags("Library");
        photos.MapGet("/{id:int}", Detail).WithSummary("A synced photo with its album, folder and image URLs.");
        app.MapGet("/api/library/stats", Stats).WithTags("Library").WithSummary("Counts of synced albums and photos by status.");
        app.MapGet("/api/library/albums", Albums).WithTags("Library").WithName("ListSyncedAlbums")
            .WithSummary("Every synced album with its folder path and photo count, by folder then name (for album and folder pickers).");
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

    private static async Task<Ok<List<SyncedAlbum>>> Albums(AppDbContext db, CancellationToken ct)
    {
        var albums = await db.Set<Album>().AsNoTracking()
            .Where(a => a.DeletedAt == null && a.SyncedAt != null)
            .OrderBy(a => a.FolderPath).ThenBy(a => a.Name).ThenBy(a => a.AlbumKey)
            .Select(a => new SyncedAlbum(a.AlbumKey, a.Name, a.FolderPath,
                db.Set<Photo>().Count(p => p.AlbumId == a.Id && p.DeletedAt == null)))
            .ToListAsync(ct);
        return TypedResults.Ok(albums);
    }

    private static async Task<LibraryStats> Stats(AppDbContext db, CancellationToken ct)
    {
        var albums = await db.Set<Album>().CountAsync(a => a.DeletedAt == null && a.SyncedAt != null, ct);
        var byStatus = await db.Set<Photo>().Where(p => p.DeletedAt == null)
            .GroupBy(p => p.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Count(PhotoStatus s) => byStatus.FirstOrDefault(x => x.Key == s)?.Count ?? 0;
        return new LibraryStats(albums, byStatus.Sum(x => x.Count), Count(PhotoStatus.Completed), Count(PhotoStatus.Failed), Count(PhotoStatus.Queued) + Count(PhotoStatus.Processing));
    }
}
