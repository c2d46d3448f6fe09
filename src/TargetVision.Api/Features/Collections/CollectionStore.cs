using Microsoft.EntityFrameworkCore;
using Npgsql;
using TargetVision.Api.Features.Library;
using TargetVision.Api.Infrastructure.Database;

namespace TargetVision.Api.Features.Collections;

/// <summary>A name another collection already has (ignoring case); the database decides, so two racing creates cannot both win.</summary>
public sealed class DuplicateCollectionNameException(string name)
    : Exception($"A collection named “{name}” already exists.");

/// <summary>
/// Collections and their membership. Every change is one transaction with the collection row locked, so positions
/// stay dense under concurrent adds and a failed request leaves nothing half-written. Photos are referred to by the
/// Library's ids; unknown (or SmugMug-deleted) photos are refused before anything is written.
/// </summary>
public sealed class CollectionStore(AppDbContext db, TimeProvider clock)
{
    public const string UniqueNameIndex = "ux_collections_name_lower";

    public async Task<IReadOnlyList<CollectionView>> ListAsync(CancellationToken ct)
    {
        var rows = await db.Set<Collection>().AsNoTracking().OrderByDescending(c => c.UpdatedAt).ThenBy(c => c.Id).ToListAsync(ct);
        var views = new List<CollectionView>(rows.Count);
        foreach (var row in rows)
        {
            views.Add(await ViewAsync(row, ct));
        }
        return views;
    }

    public async Task<CollectionView?> GetAsync(int id, CancellationToken ct) =>
        await db.Set<Collection>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) is { } row ? await ViewAsync(row, ct) : null;

    /// <summary>Creates a collection, optionally with photos; returns the unknown photo ids instead when there are any.</summary>
    public async Task<(CollectionView? Created, IReadOnlyList<int> UnknownPhotoIds)> CreateAsync(
        string name, string? description, IReadOnlyList<int> photoIds, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var ids = Distinct(photoIds);
        var unknown = await UnknownPhotosAsync(ids, ct);
        if (unknown.Count > 0)
        {
            return (null, unknown);
        }
        var now = clock.GetUtcNow();
        var row = new Collection { Name = name, Description = description, CreatedAt = now, UpdatedAt = now };
        db.Add(row);
        await SaveAsync(name, ct);
        await InsertMembersAsync(row.Id, ids, now, ct);
        await transaction.CommitAsync(ct);
        return (await ViewAsync(row, ct), []);
    }

    public enum UpdateOutcome { Updated, NotFound, CoverNotMember }

    public async Task<(UpdateOutcome Outcome, CollectionView? View)> UpdateAsync(int id, string? name, UpdateCollectionRequest request, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var row = await LockAsync(id, ct);
        if (row is null)
        {
            return (UpdateOutcome.NotFound, null);
        }
        if (request.CoverPhotoId is { } cover
            && !await db.Set<CollectionMember>().AnyAsync(m => m.CollectionId == id && m.PhotoId == cover && m.Photo!.DeletedAt == null, ct))
        {
            return (UpdateOutcome.CoverNotMember, null);
        }
        if (name is not null)
        {
            row.Name = name;
        }
        if (request.Description is { } description)
        {
            row.Description = description.Trim().Length == 0 ? null : description.Trim();
        }
        if (request.ResetCover == true)
        {
            row.CoverPhotoId = null;
        }
        if (request.CoverPhotoId is { } chosen)
        {
            row.CoverPhotoId = chosen;
        }
        if (request.OrderMode is { } mode)
        {
            row.OrderMode = mode;
        }
        row.UpdatedAt = clock.GetUtcNow();
        await SaveAsync(row.Name, ct);
        await transaction.CommitAsync(ct);
        return (UpdateOutcome.Updated, await ViewAsync(row, ct));
    }

    /// <summary>Deletes the collection and its membership rows; the photos stay.</summary>
    public async Task<bool> DeleteAsync(int id, CancellationToken ct) =>
        await db.Set<Collection>().Where(c => c.Id == id).ExecuteDeleteAsync(ct) > 0;

    /// <summary>Adds photos at the end (a photo already in the collection keeps its row and place). Null = collection not found.</summary>
    public async Task<(MembershipChange? Change, IReadOnlyList<int> UnknownPhotoIds)> AddAsync(int id, IReadOnlyList<int> photoIds, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var row = await LockAsync(id, ct);
        if (row is null)
        {
            return (null, []);
        }
        var ids = Distinct(photoIds);
        var unknown = await UnknownPhotosAsync(ids, ct);
        if (unknown.Count > 0)
        {
            return (null, unknown);
        }
        var now = clock.GetUtcNow();
        var added = await InsertMembersAsync(id, ids, now, ct);
        if (added > 0)
        {
            row.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return (await ChangeAsync(id, added, ct), []);
    }

    /// <summary>Removes photos (ids not in the collection are ignored). The database clears the cover if it left.</summary>
    public async Task<MembershipChange?> RemoveAsync(int id, IReadOnlyList<int> photoIds, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var row = await LockAsync(id, ct);
        if (row is null)
        {
            return null;
        }
        var ids = Distinct(photoIds).ToArray();
        var removed = await db.Set<CollectionMember>().Where(m => m.CollectionId == id && ids.Contains(m.PhotoId)).ExecuteDeleteAsync(ct);
        if (removed > 0)
        {
            await db.Set<Collection>().Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.UpdatedAt, clock.GetUtcNow()), ct);
        }
        await transaction.CommitAsync(ct);
        return await ChangeAsync(id, removed, ct);
    }

    public enum ReorderOutcome { Reordered, NotFound, NotTheMembers }

    /// <summary>Stores a manual order: <paramref name="photoIds"/> must be exactly the members, each once.</summary>
    public async Task<ReorderOutcome> ReorderAsync(int id, IReadOnlyList<int> photoIds, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var row = await LockAsync(id, ct);
        if (row is null)
        {
            return ReorderOutcome.NotFound;
        }
        var members = await db.Set<CollectionMember>().Where(m => m.CollectionId == id).Select(m => m.PhotoId).ToListAsync(ct);
        if (members.Count != photoIds.Count || !members.ToHashSet().SetEquals(photoIds))
        {
            return ReorderOutcome.NotTheMembers;
        }
        var ids = photoIds.ToArray();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE collection_members m SET position = t.ord
            FROM unnest({ids}) WITH ORDINALITY AS t(photo_id, ord)
            WHERE m.collection_id = {id} AND m.photo_id = t.photo_id
            """, ct);
        row.OrderMode = CollectionOrder.Manual;
        row.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ReorderOutcome.Reordered;
    }

    /// <summary>Members in the collection's order, removed-on-SmugMug photos included (flagged).</summary>
    public IQueryable<CollectionMember> Ordered(int id, CollectionOrder mode)
    {
        var q = db.Set<CollectionMember>().AsNoTracking().Where(m => m.CollectionId == id);
        return mode switch
        {
            CollectionOrder.Captured => q.OrderBy(m => m.Photo!.CapturedAt == null).ThenBy(m => m.Photo!.CapturedAt).ThenBy(m => m.PhotoId),
            CollectionOrder.Title => q.OrderBy(m => (m.Photo!.Title != null && m.Photo.Title != "" ? m.Photo.Title : m.Photo.FileName ?? "").ToLower()).ThenBy(m => m.PhotoId),
            CollectionOrder.Manual => q.OrderBy(m => m.Position).ThenBy(m => m.AddedAt).ThenBy(m => m.PhotoId),
            _ => q.OrderBy(m => m.AddedAt).ThenBy(m => m.Position).ThenBy(m => m.PhotoId),
        };
    }

    public async Task<(int Total, IReadOnlyList<CollectionPhotoView> Photos)?> PhotosAsync(int id, int skip, int take, CancellationToken ct)
    {
        var row = await db.Set<Collection>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (row is null)
        {
            return null;
        }
        var total = await db.Set<CollectionMember>().CountAsync(m => m.CollectionId == id, ct);
        var photos = await Ordered(id, row.OrderMode).Skip(skip).Take(take)
            .Select(m => new CollectionPhotoView(
                m.Photo!.ImageKey, m.PhotoId, m.Photo.Title, m.Photo.FileName, m.Photo.Caption, m.Photo.Width, m.Photo.Height,
                m.Photo.CapturedAt, m.Photo.Status, m.Photo.StatusError, "/api/photos/" + m.PhotoId + "/thumbnail", true,
                m.Photo.DeletedAt != null, m.AddedAt, m.Position, m.Photo.Album!.Name))
            .ToListAsync(ct);
        return (total, photos);
    }

    /// <summary>For each asked photo, the collections it is in (pills in the photo modal).</summary>
    public async Task<MembershipView> MembershipAsync(IReadOnlyList<int> photoIds, CancellationToken ct)
    {
        var ids = Distinct(photoIds).ToArray();
        var rows = await db.Set<CollectionMember>().AsNoTracking().Where(m => ids.Contains(m.PhotoId))
            .Select(m => new { m.PhotoId, m.CollectionId }).ToListAsync(ct);
        var byPhoto = rows.GroupBy(r => r.PhotoId).ToDictionary(g => g.Key, g => (IReadOnlyList<int>)[.. g.Select(r => r.CollectionId).Order()]);
        return new MembershipView([.. ids.Select(p => new PhotoMembership(p, byPhoto.GetValueOrDefault(p) ?? []))]);
    }

    /// <summary>Every photo that is in at least one collection (the mark on photo cards anywhere).</summary>
    public async Task<MemberIdsView> MemberIdsAsync(CancellationToken ct) =>
        new(await db.Set<CollectionMember>().AsNoTracking().Select(m => m.PhotoId).Distinct().Order().ToListAsync(ct));

    /// <summary>
    /// The cover as shown: the chosen one while it is a member that still exists on SmugMug, else the first photo (in
    /// the collection's order) that does. Derived on read, so a photo that comes back on SmugMug is the cover again.
    /// </summary>
    public async Task<int?> EffectiveCoverAsync(Collection row, CancellationToken ct)
    {
        if (row.CoverPhotoId is { } chosen && await db.Set<Photo>().AnyAsync(p => p.Id == chosen && p.DeletedAt == null, ct))
        {
            return chosen;
        }
        var first = await Ordered(row.Id, row.OrderMode).Where(m => m.Photo!.DeletedAt == null).Select(m => (int?)m.PhotoId).FirstOrDefaultAsync(ct);
        return first;
    }

    private async Task<CollectionView> ViewAsync(Collection row, CancellationToken ct)
    {
        var counts = await db.Set<CollectionMember>().Where(m => m.CollectionId == row.Id)
            .GroupBy(_ => 1)
            .Select(g => new { Total = g.Count(), Removed = g.Count(m => m.Photo!.DeletedAt != null) })
            .SingleOrDefaultAsync(ct);
        var cover = await EffectiveCoverAsync(row, ct);
        var published = row.SmugMugAlbumKey is { } key ? new PublishedAlbumView(key, row.SmugMugWebUri, row.PublishedAt) : null;
        return new CollectionView(
            row.Id, row.Name, row.Description, counts?.Total ?? 0, counts?.Removed ?? 0,
            cover, cover is { } c ? $"/api/photos/{c}/thumbnail" : null, cover is not null && cover == row.CoverPhotoId,
            row.OrderMode, row.CreatedAt, row.UpdatedAt, published, row.PublishBatchId);
    }

    private async Task<MembershipChange> ChangeAsync(int id, int changed, CancellationToken ct)
    {
        var row = await db.Set<Collection>().AsNoTracking().SingleAsync(c => c.Id == id, ct);
        var count = await db.Set<CollectionMember>().CountAsync(m => m.CollectionId == id, ct);
        return new MembershipChange(changed, count, await EffectiveCoverAsync(row, ct));
    }

    private Task<Collection?> LockAsync(int id, CancellationToken ct) =>
        db.Set<Collection>().FromSql($"SELECT * FROM collections WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(ct);

    private async Task<IReadOnlyList<int>> UnknownPhotosAsync(List<int> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var array = ids.ToArray();
        var known = await db.Set<Photo>().Where(p => array.Contains(p.Id) && p.DeletedAt == null).Select(p => p.Id).ToListAsync(ct);
        return [.. ids.Except(known)];
    }

    /// <summary>
    /// Appends in the given order after the current last position; existing members are left alone. Photos added
    /// together get added times one microsecond apart, so "date added" keeps the order they were given in.
    /// </summary>
    private async Task<int> InsertMembersAsync(int id, List<int> ids, DateTimeOffset now, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return 0;
        }
        var array = ids.ToArray();
        return await db.Database.ExecuteSqlAsync($"""
            INSERT INTO collection_members (collection_id, photo_id, position, added_at)
            SELECT {id}, t.photo_id,
                   (SELECT coalesce(max(position), 0) FROM collection_members WHERE collection_id = {id}) + t.ord,
                   {now} + t.ord * interval '1 microsecond'
            FROM unnest({array}) WITH ORDINALITY AS t(photo_id, ord)
            ON CONFLICT (collection_id, photo_id) DO NOTHING
            """, ct);
    }

    private async Task SaveAsync(string name, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: UniqueNameIndex })
        {
            throw new DuplicateCollectionNameException(name);
        }
    }

    private static List<int> Distinct(IReadOnlyList<int> ids) => [.. ids.Distinct()];
}
