using System.Text;
using Microsoft.EntityFrameworkCore;
using TargetVision.Api.Features.Library;
using TargetVision.Api.Features.SmugMug;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Infrastructure.Jobs;
using TargetVision.Api.Integrations.SmugMug;

namespace TargetVision.Api.Features.Collections;

public enum AlbumPrivacy { Public, Unlisted, Private }

public sealed record PublishRequest(string? FolderNodeId, string? Name, AlbumPrivacy? Privacy);

/// <summary>The first job of a publish batch: make sure the album exists, then queue the collect chunks.</summary>
public sealed record PublishAlbumPayload(int CollectionId, string? FolderNodeId, string Name, AlbumPrivacy Privacy)
{
    public const string Kind = "collections.publish";
}

/// <summary>One chunk of photos to collect into the album (by Library photo id).</summary>
public sealed record CollectChunkPayload(int CollectionId, string AlbumKey, IReadOnlyList<int> PhotoIds)
{
    public const string Kind = "collections.collect";
}

/// <summary>Why a publish cannot start; the API turns it into a problem.</summary>
public sealed class PublishRefusedException(int status, string title, string message, string? code = null) : Exception(message)
{
    /// <summary>Tells the frontend which fix to offer: <see cref="ModifyRequiredCode"/> → "Reconnect with Modify".</summary>
    public const string ModifyRequiredCode = "smugmug_modify_required";

    public int Status { get; } = status;
    public string Title { get; } = title;
    public string? Code { get; } = code;
}

/// <summary>
/// Publishing a collection as a SmugMug album without uploading anything: one batch whose first job creates (or
/// finds again) the album and then adds one job per chunk of photos to the same batch, so the global progress bar
/// counts chunks. Every step is idempotent: the album key is stored on the collection as soon as it exists, each
/// member remembers the album it was collected into, and a chunk first asks SmugMug what the album already holds —
/// so a retry, a resumed batch or publishing again never collects a photo twice.
/// </summary>
public sealed class CollectionPublisher(AppDbContext db, SmugMugAccountStore accounts, JobQueue queue)
{
    public const int ChunkSize = 25;

    /// <summary>The permission the connected account must have granted (SmugMug: creating albums is a modification).</summary>
    public const string RequiredPermission = SmugMugAccount.ModifyPermission;

    public async Task<JobBatch> StartAsync(Collection collection, PublishRequest request, CancellationToken ct)
    {
        var account = await accounts.GetAccountAsync(ct)
            ?? throw new PublishRefusedException(StatusCodes.Status409Conflict, "SmugMug not connected", "Connect SmugMug first.");
        if (!account.CanModify)
        {
            throw new PublishRefusedException(StatusCodes.Status403Forbidden, "SmugMug permission too low",
                account.AuthFailedAt is not null
                    ? "SmugMug refused the connection. Reconnect SmugMug with Modify (Library → account menu → Reconnect with Modify)."
                    : $"Publishing creates an album, which needs the Modify permission; this connection has {account.Permissions}. Reconnect SmugMug with Modify (the publish dialog offers it).",
                PublishRefusedException.ModifyRequiredCode);
        }
        var name = string.IsNullOrWhiteSpace(request.Name) ? collection.Name : request.Name.Trim();
        var payload = new PublishAlbumPayload(collection.Id, request.FolderNodeId ?? collection.SmugMugFolderNodeId, name, request.Privacy ?? AlbumPrivacy.Unlisted);
        var batch = await queue.CreateBatchAsync(PublishAlbumPayload.Kind, $"Publish “{collection.Name}” to SmugMug",
            [new NewJob(payload, null)], new { collectionId = collection.Id }, ct);
        await db.Set<Collection>().Where(c => c.Id == collection.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.PublishBatchId, batch.Id), ct);
        return batch;
    }

    /// <summary>SmugMug URL names: ASCII letters, digits and dashes, starting with a capital letter.</summary>
    public static string UrlNameFor(string name, int collectionId)
    {
        var sb = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(c);
            }
            else if (char.IsWhiteSpace(c) || c is '-' or '_' or '.' or '/')
            {
                if (sb.Length > 0 && sb[^1] != '-')
                {
                    sb.Append('-');
                }
            }
        }
        var s = sb.ToString().Trim('-');
        if (s.Length > 50)
        {
            s = s[..50].TrimEnd('-');
        }
        if (s.Length == 0 || !char.IsAsciiLetter(s[0]))
        {
            s = $"Collection-{collectionId}" + (s.Length > 0 ? "-" + s : "");
        }
        return char.ToUpperInvariant(s[0]) + s[1..];
    }
}

/// <summary>Creates the album (or reuses the one already made for this collection) and queues the collect chunks.</summary>
public sealed class PublishAlbumJobHandler(
    AppDbContext db, CollectionStore store, SmugMugAccountStore accounts, SmugMugClient client, JobQueue queue, TimeProvider clock) : IJobHandler
{
    public async Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        var payload = context.PayloadAs<PublishAlbumPayload>();
        var ct = cancellationToken;
        try
        {
            var collection = await db.Set<Collection>().SingleOrDefaultAsync(c => c.Id == payload.CollectionId, ct)
                ?? throw new PermanentJobException("The collection was deleted.");
            var credentials = await accounts.GetCredentialsAsync(ct);
            var account = await accounts.GetAccountAsync(ct) ?? throw new PermanentJobException("SmugMug is not connected.");
            var albumKey = await ExistingAlbumAsync(collection, credentials, ct) ?? await CreateAlbumAsync(collection, payload, account, credentials, ct);

            var pending = await store.Ordered(collection.Id, collection.OrderMode)
                .Where(m => m.Photo!.DeletedAt == null && (m.CollectedAlbumKey == null || m.CollectedAlbumKey != albumKey))
                .Select(m => m.PhotoId).ToListAsync(ct);
            var chunks = pending.Chunk(CollectionPublisher.ChunkSize)
                .Select(chunk => new NewJob(new CollectChunkPayload(collection.Id, albumKey, chunk), $"collect:{context.BatchId}:{albumKey}:{chunk[0]}"))
                .ToList();
            if (chunks.Count > 0 && context.BatchId is { } batchId)
            {
                await queue.AddToBatchAsync(batchId, CollectChunkPayload.Kind, chunks, ct);
            }
            return new JobResult(new { albumKey, chunks = chunks.Count, photos = pending.Count });
        }
        catch (Exception e) when (SmugMugJobFailure.From(e) is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>The album this collection was published to, if SmugMug still has it.</summary>
    private async Task<string?> ExistingAlbumAsync(Collection collection, OAuthCredentials credentials, CancellationToken ct)
    {
        if (collection.SmugMugAlbumKey is not { } key)
        {
            return null;
        }
        try
        {
            await client.GetAlbumAsync(credentials, key, ct);
            return key;
        }
        catch (SmugMugApiException e) when (e.Kind == SmugMugErrorKind.NotFound)
        {
            // Deleted on SmugMug: publishing again makes a new album and collects everything into it.
            return null;
        }
    }

    private async Task<string> CreateAlbumAsync(Collection collection, PublishAlbumPayload payload, SmugMugAccount account, OAuthCredentials credentials, CancellationToken ct)
    {
        var folderId = payload.FolderNodeId ?? account.RootNodeId;
        var folder = await client.GetNodeAsync(credentials, folderId, ct);
        if (!folder.IsFolder)
        {
            throw new PermanentJobException("Albums can only be created in a folder.");
        }
        var folderPath = folder.IsRoot ? null : folder.UrlPath;
        var urlName = CollectionPublisher.UrlNameFor(payload.Name, collection.Id);
        SmugMugAlbum album;
        try
        {
            album = await client.CreateAlbumAsync(credentials, account.NickName, folderPath, payload.Name, urlName, payload.Privacy.ToString(), ct);
        }
        catch (SmugMugApiException e) when (e.StatusCode == StatusCodes.Status409Conflict)
        {
            // An earlier attempt created it but its answer was lost, or the owner already has an album of that URL
            // name here: either way that album is the target (collecting is additive and never removes anything).
            var albums = await client.GetFolderAlbumsAsync(credentials, account.NickName, folderPath, ct);
            album = albums.FirstOrDefault(a => a.UrlPath is { } p && p.EndsWith("/" + urlName, StringComparison.OrdinalIgnoreCase))
                ?? throw new PermanentJobException($"SmugMug reports an album named {urlName} in that folder but does not list it.");
        }
        collection.SmugMugAlbumKey = album.AlbumKey;
        // Its images stay in their home albums when the owner syncs this album too (see CopyAlbum).
        if (await db.Set<CopyAlbum>().FindAsync([album.AlbumKey], ct) is null)
        {
            db.Add(new CopyAlbum { AlbumKey = album.AlbumKey, CreatedAt = clock.GetUtcNow() });
        }
        collection.SmugMugAlbumUri = $"/api/v2/album/{album.AlbumKey}";
        collection.SmugMugWebUri = album.WebUri;
        collection.SmugMugFolderNodeId = folderId;
        collection.PublishedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return album.AlbumKey;
    }
}

/// <summary>Collects one chunk into the album, skipping photos the album already holds (a retry after a lost answer).</summary>
public sealed class CollectChunkJobHandler(AppDbContext db, SmugMugAccountStore accounts, SmugMugClient client) : IJobHandler
{
    public async Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        var payload = context.PayloadAs<CollectChunkPayload>();
        var ct = cancellationToken;
        try
        {
            var ids = payload.PhotoIds.ToArray();
            var photos = await db.Set<CollectionMember>().AsNoTracking()
                .Where(m => m.CollectionId == payload.CollectionId && ids.Contains(m.PhotoId) && m.Photo!.DeletedAt == null
                    && (m.CollectedAlbumKey == null || m.CollectedAlbumKey != payload.AlbumKey))
                .Select(m => new { m.PhotoId, m.Photo!.ImageKey }).ToListAsync(ct);
            if (photos.Count == 0)
            {
                return new JobResult(new { collected = 0 });
            }
            var credentials = await accounts.GetCredentialsAsync(ct);
            var present = (await client.GetAlbumImageStampsAsync(credentials, payload.AlbumKey, ct)).Select(i => i.ImageKey).ToHashSet(StringComparer.Ordinal);
            var toCollect = photos.Where(p => !present.Contains(p.ImageKey)).ToList();
            if (toCollect.Count > 0)
            {
                await client.CollectImagesAsync(credentials, payload.AlbumKey, [.. toCollect.Select(p => $"/api/v2/image/{p.ImageKey}")], ct);
            }
            var done = photos.Select(p => p.PhotoId).ToArray();
            await db.Set<CollectionMember>().Where(m => m.CollectionId == payload.CollectionId && done.Contains(m.PhotoId))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.CollectedAlbumKey, payload.AlbumKey), ct);
            return new JobResult(new { collected = toCollect.Count, alreadyThere = photos.Count - toCollect.Count });
        }
        catch (Exception e) when (SmugMugJobFailure.From(e) is { } failure)
        {
            throw failure;
        }
    }
}
