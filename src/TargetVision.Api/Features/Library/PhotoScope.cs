using Microsoft.EntityFrameworkCore;
using TargetVision.Api.Infrastructure.Database;

namespace TargetVision.Api.Features.Library;

public enum PhotoScopeKind { Selection, Album, Folder, All }

/// <summary>
/// Which synced photos an operation works on — a selection (from any albums or search results), an album, a folder
/// with all its sub-folders, or everything — optionally narrowed to some statuses. Describe uses it today; search,
/// collections and export take the same value, so "what does this apply to" has one meaning everywhere.
/// </summary>
public sealed record PhotoScope(PhotoScopeKind Kind, IReadOnlyCollection<int>? PhotoIds = null, string? AlbumKey = null, string? FolderPath = null,
    IReadOnlyCollection<PhotoStatus>? Statuses = null)
{
    public const int MaxPhotoIds = 10_000;

    public static PhotoScope Selection(IReadOnlyCollection<int>? photoIds) => new(PhotoScopeKind.Selection, PhotoIds: photoIds);

    public static PhotoScope Album(string? albumKey) => new(PhotoScopeKind.Album, AlbumKey: albumKey);

    /// <summary>The folder and every folder below it; "" is the root (every album).</summary>
    public static PhotoScope Folder(string? folderPath) => new(PhotoScopeKind.Folder, FolderPath: folderPath);

    public static PhotoScope All() => new(PhotoScopeKind.All);

    public PhotoScope WithStatuses(params PhotoStatus[] statuses) => this with { Statuses = statuses };
}

/// <summary>A resolved scope: a query that has not run yet, and a label such as "album Vermont" for titles.</summary>
public sealed record ScopedPhotos(IQueryable<Photo> Query, string Label);

/// <summary>Validates a <see cref="PhotoScope"/> and turns it into a query over live photos; nothing is loaded here.</summary>
public sealed class PhotoScopes(AppDbContext db)
{
    /// <summary>The photos of <paramref name="scope"/>, or field errors (keyed like the request fields) when it is invalid.</summary>
    public async Task<(ScopedPhotos? Photos, Dictionary<string, string[]> Errors)> ResolveAsync(PhotoScope scope, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        IQueryable<Photo> photos = db.Set<Photo>().AsNoTracking().Where(p => p.DeletedAt == null);
        string label;
        switch (scope.Kind)
        {
            case PhotoScopeKind.Selection:
                var ids = scope.PhotoIds ?? [];
                if (ids.Count is 0 or > PhotoScope.MaxPhotoIds)
                {
                    errors["photoIds"] = [$"Give between 1 and {PhotoScope.MaxPhotoIds} photo ids."];
                    return (null, errors);
                }
                var distinct = ids.Distinct().ToArray();
                var known = await photos.Where(p => distinct.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
                var unknown = distinct.Except(known).Take(10).ToList();
                if (unknown.Count > 0)
                {
                    errors["photoIds"] = [$"Unknown or unsynced photo ids: {string.Join(", ", unknown)}."];
                    return (null, errors);
                }
                photos = photos.Where(p => distinct.Contains(p.Id));
                label = distinct.Length == 1 ? "1 photo" : $"{distinct.Length} selected photos";
                break;
            case PhotoScopeKind.Album:
                var album = string.IsNullOrWhiteSpace(scope.AlbumKey) ? null
                    : await db.Set<Album>().AsNoTracking().SingleOrDefaultAsync(a => a.AlbumKey == scope.AlbumKey && a.DeletedAt == null, ct);
                if (album is null)
                {
                    errors["albumKey"] = [string.IsNullOrWhiteSpace(scope.AlbumKey) ? "Required for scope 'album'." : "No synced album has this key."];
                    return (null, errors);
                }
                photos = photos.Where(p => p.AlbumId == album.Id);
                label = $"album {album.Name}";
                break;
            case PhotoScopeKind.Folder:
                if (scope.FolderPath is null || scope.FolderPath.Length > 1000)
                {
                    errors["folderPath"] = ["Required for scope 'folder' (\"\" is the root)."];
                    return (null, errors);
                }
                var path = scope.FolderPath.Trim();
                var prefix = path + " / ";
                photos = path.Length == 0 ? photos
                    : photos.Where(p => p.Album!.DeletedAt == null && (p.Album.FolderPath == path || p.Album.FolderPath.StartsWith(prefix)));
                label = path.Length == 0 ? "all folders" : $"folder {path}";
                break;
            default:
                label = "all photos";
                break;
        }
        if (scope.Statuses is { Count: > 0 } statuses)
        {
            var wanted = statuses.ToArray();
            photos = photos.Where(p => wanted.Contains(p.Status));
        }
        return (new ScopedPhotos(photos, label), errors);
    }
}
