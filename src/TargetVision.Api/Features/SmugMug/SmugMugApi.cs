using System.Globalization;
using System.Text.RegularExpressions;
using TargetVision.Api.Infrastructure.Http;
using TargetVision.Api.Infrastructure.Jobs;
using TargetVision.Api.Integrations.SmugMug;

namespace TargetVision.Api.Features.SmugMug;

/// <summary>Connect, browse (live, cached), images for unsynced photos, sync, and the listing cache.</summary>
public static partial class SmugMugApi
{
    [GeneratedRegex("^[A-Za-z0-9]{1,50}$")]
    private static partial Regex KeyPattern();

    public static IEndpointRouteBuilder MapSmugMugApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/smugmug").WithTags("SmugMug");
        group.MapPost("/connect", Connect)
            .WithSummary("Start connecting: returns SmugMug's authorise URL. Read access by default; {\"permissions\":\"Modify\"} reconnects with write access.");
        group.MapGet("/oauth/callback", Callback).AllowAnonymous()
            .WithSummary("SmugMug redirects here; bound to the browser that started the flow by a state cookie.");
        group.MapGet("/account", Account).WithSummary("The connected account, if any, and whether SmugMug answers it right now.");
        group.MapDelete("/account", Disconnect).WithSummary("Disconnect: forget the tokens (synced data stays).");
        group.MapGet("/nodes", (HttpContext http, SmugMugBrowser browser, CancellationToken ct, bool? recheck) => Nodes(null, http, browser, ct, recheck))
            .WithSummary("The root folder's children (from the local copy when SmugMug cannot be used).");
        group.MapGet("/nodes/{nodeId}", Nodes)
            .WithSummary("A folder's children (every page), with covers, counts and sync state; from the local copy when SmugMug cannot be used.");
        group.MapGet("/nodes/{nodeId}/cover", Cover).WithSummary("A folder's or album's cover thumbnail.");
        group.MapGet("/albums/{albumKey}/photos", AlbumPhotos)
            .WithSummary("A live page of an album merged with local status; a synced album from the local copy when SmugMug cannot be used.");
        group.MapGet("/images/{imageKey}/thumbnail", UnsyncedThumbnail).WithSummary("Thumbnail of a photo that is not synced.");
        group.MapPost("/sync", Sync).WithSummary("Sync an album, a folder (recursively) or the whole account as a batch of jobs.");

        var cache = app.MapGroup("/api/cache").WithTags("SmugMug");
        cache.MapPost("/clear", ClearCache).WithSummary("Clear cached SmugMug listings and cached images.");
        cache.MapGet("/status", CacheStatusView).WithSummary("Cache counters of this replica and the disk cache size.");
        app.MapPhotoRenditionsApi();
        return app;
    }

    private static async Task<IResult> Connect(ConnectRequest? request, HttpContext http, SmugMugConnectFlow flow, CancellationToken ct)
    {
        var permissions = request?.Permissions;
        if (permissions is not null && !AllowedPermissions.Contains(permissions))
        {
            return Problems.Field("permissions", "Must be Read or Modify.");
        }
        return await SmugMugProblems.Guard(http, async () =>
        {
            var url = await flow.BeginAsync(http, permissions is null ? null : AllowedPermissions.Single(p => p.Equals(permissions, StringComparison.OrdinalIgnoreCase)), ct);
            return url is null
                ? TypedResults.Problem(title: "SmugMug is not configured", detail: "Add your SmugMug API key and secret in Settings", statusCode: 400)
                : TypedResults.Ok(new ConnectResponse(url));
        });
    }

    private static readonly HashSet<string> AllowedPermissions = new(StringComparer.OrdinalIgnoreCase) { "Read", SmugMugOptions.WritePermissions };

    private static async Task<IResult> Callback(
        HttpContext http, SmugMugConnectFlow flow, CancellationToken ct,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "oauth_token")] string? oauthToken = null,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "oauth_verifier")] string? oauthVerifier = null)
    {
        var error = await flow.CompleteAsync(http, oauthToken, oauthVerifier, ct);
        return Results.Redirect(error is null ? "/library?connected=1" : "/library?smugmug_error=" + Uri.EscapeDataString(error));
    }

    private static async Task<AccountView> Account(SmugMugAccountStore accounts, CancellationToken ct)
    {
        var account = await accounts.GetAccountAsync(ct);
        if (account is null)
        {
            return new AccountView(false, null, null, null, null, null);
        }
        if (account.AuthFailedAt is { } refusedAt)
        {
            return new AccountView(false, account.NickName, account.Name, account.ConnectedAt, account.Access, account.Permissions,
                new ReachabilityView(SmugMugReachabilityState.Rejected, account.AuthFailure, refusedAt),
                NeedsReconnect: true, ReconnectReason: account.AuthFailure ?? "SmugMug refused the connection; reconnect.");
        }
        var seen = await accounts.CheckReachabilityAsync(ct);
        // The check may just have found the token refused: answer with what is stored now.
        if (seen?.State == SmugMugReachabilityState.Rejected && await accounts.GetAccountAsync(ct) is { AuthFailedAt: not null } refused)
        {
            return new AccountView(false, refused.NickName, refused.Name, refused.ConnectedAt, refused.Access, refused.Permissions,
                new ReachabilityView(seen.State, seen.Message, seen.At), NeedsReconnect: true, ReconnectReason: refused.AuthFailure);
        }
        return new AccountView(true, account.NickName, account.Name, account.ConnectedAt, account.Access, account.Permissions,
            seen is null ? null : new ReachabilityView(seen.State, seen.Message, seen.At), CanModify: account.CanModify);
    }

    private static async Task<IResult> Disconnect(SmugMugAccountStore accounts, ListingCache cache, CancellationToken ct)
    {
        await accounts.DisconnectAsync(ct);
        await cache.ClearAsync(ct);
        return TypedResults.NoContent();
    }

    // recheck: ask SmugMug now even if it just failed (the offline banner's Retry).
    private static Task<IResult> Nodes(string? nodeId, HttpContext http, SmugMugBrowser browser, CancellationToken ct, bool? recheck = null) =>
        nodeId is not null && !KeyPattern().IsMatch(nodeId)
            ? Task.FromResult<IResult>(Problems.Field("nodeId", "Not a SmugMug node id."))
            : SmugMugProblems.Guard(http, async () => TypedResults.Ok(await browser.GetNodeAsync(nodeId, ct, recheck ?? false)));

    private static Task<IResult> Cover(string nodeId, HttpContext http, SmugMugBrowser browser, CancellationToken ct) =>
        !KeyPattern().IsMatch(nodeId)
            ? Task.FromResult<IResult>(Problems.Field("nodeId", "Not a SmugMug node id."))
            : SmugMugProblems.Guard(http, async () =>
                await browser.GetCoverAsync(nodeId, ct) is { } image
                    ? ImageResults.Serve(http, image, TimeSpan.FromHours(1))
                    : TypedResults.NotFound());

    private static Task<IResult> AlbumPhotos(
        string albumKey, string? cursor, int? limit, HttpContext http, SmugMugBrowser browser, CancellationToken ct, bool? recheck = null)
    {
        var start = 1;
        if (!KeyPattern().IsMatch(albumKey))
        {
            return Task.FromResult<IResult>(Problems.Field("albumKey", "Not a SmugMug album key."));
        }
        if (cursor is not null && (!int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out start) || start < 1))
        {
            return Task.FromResult<IResult>(Problems.Field("cursor", "Not a cursor from a previous page."));
        }
        if (limit is < 1 or > SmugMugClient.PageSize)
        {
            return Task.FromResult<IResult>(Problems.Field("limit", $"Must be between 1 and {SmugMugClient.PageSize}."));
        }
        return SmugMugProblems.Guard(http, async () => TypedResults.Ok(await browser.GetAlbumPhotosAsync(albumKey, start, limit ?? SmugMugClient.PageSize, ct, recheck ?? false)));
    }

    private static Task<IResult> UnsyncedThumbnail(string imageKey, HttpContext http, SmugMugBrowser browser, CancellationToken ct) =>
        !KeyPattern().IsMatch(imageKey)
            ? Task.FromResult<IResult>(Problems.Field("imageKey", "Not a SmugMug image key."))
            : SmugMugProblems.Guard(http, async () => ImageResults.Serve(http, await browser.GetUnsyncedThumbnailAsync(imageKey, ct), TimeSpan.FromHours(1)));

    public sealed record SyncStarted(BatchView Batch);

    private static async Task<IResult> Sync(SyncRequest? request, HttpContext http, SmugMugSyncStarter starter, TimeProvider clock, CancellationToken ct)
    {
        switch (request?.Scope)
        {
            case "album" when request.AlbumKey is null || !KeyPattern().IsMatch(request.AlbumKey):
                return Problems.Field("albumKey", "Required for scope 'album'.");
            case "folder" when request.NodeId is null || !KeyPattern().IsMatch(request.NodeId):
                return Problems.Field("nodeId", "Required for scope 'folder'.");
            case "album" or "folder" or "account":
                break;
            default:
                return Problems.Field("scope", "Must be 'album', 'folder' or 'account'.");
        }
        return await SmugMugProblems.Guard(http, async () =>
        {
            var batch = request.Scope switch
            {
                "album" => await starter.StartAlbumAsync(request.AlbumKey!, ct),
                "folder" => await starter.StartFolderAsync(request.NodeId, ct),
                _ => await starter.StartFolderAsync(null, ct),
            };
            return TypedResults.Json(new SyncStarted(BatchView.From(batch, clock.GetUtcNow())), statusCode: StatusCodes.Status202Accepted);
        });
    }

    private static async Task<IResult> ClearCache(ListingCache cache, ImageDiskCache disk, CancellationToken ct)
    {
        await cache.ClearAsync(ct);
        disk.Clear();
        return TypedResults.NoContent();
    }

    private static CacheStatus CacheStatusView(ListingCache cache, ImageDiskCache disk, IConfiguration configuration)
    {
        var (bytes, files) = disk.Measure();
        return new CacheStatus(cache.Entries, cache.Hits + disk.Hits, cache.Misses + disk.Misses,
            !string.IsNullOrWhiteSpace(configuration.GetConnectionString("Redis")), bytes, files);
    }
}
