using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TargetVision.Api.Features.Library;
using TargetVision.Api.Infrastructure.Database;

namespace TargetVision.Tests.SmugMug;

/// <summary>
/// Sync against the fake: adds, updates, deletes, moves (same row id, AI status kept), idempotence (no row
/// rewritten, few requests), folder paths, capture-date fallback. One ordered scenario: each step builds on the last.
/// </summary>
public class SyncTests(SmugMugFixture fixture) : IClassFixture<SmugMugFixture>
{
    private async Task<T> DbAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private Task<string?> RowVersionsAsync() => fixture.Database.ScalarAsync<string>(
        "SELECT coalesce(string_agg(id || ':' || xmin::text, ',' ORDER BY id), '') FROM photos")!;

    private Task<string?> AlbumVersionsAsync() => fixture.Database.ScalarAsync<string>(
        "SELECT coalesce(string_agg(id || ':' || xmin::text, ',' ORDER BY id), '') FROM albums")!;

    [Fact]
    public async Task Full_then_incremental_sync_with_adds_updates_deletes_and_moves()
    {
        using var session = await fixture.OwnerSessionAsync();
        var lib = fixture.Fake.Library;

        // 1. Full account sync.
        await SyncWaiter.SyncAsync(session, new { scope = "account" }, fixture.Database);
        var visible = lib.Albums().Where(a => !a.IsSystemAlbum).Sum(a => a.Images.Count);
        Assert.Equal(visible, await DbAsync(db => db.Set<Photo>().CountAsync(p => p.DeletedAt == null)));
        var zurich = lib.FindAlbumByName("Zürich ☕")!;
        var zurichRow = await DbAsync(db => db.Set<Album>().SingleAsync(a => a.AlbumKey == zurich.AlbumKey));
        Assert.Equal("Travel / Europe", zurichRow.FolderPath);
        var noExif = zurich.Images.First(i => i.DateTimeOriginal is null);
        var noExifRow = await DbAsync(db => db.Set<Photo>().SingleAsync(p => p.ImageKey == noExif.ImageKey));
        Assert.True(noExifRow.CapturedAtIsUploadDate);
        Assert.Equal(noExif.DateTimeUploaded, noExifRow.CapturedAt);
        Assert.NotNull(noExifRow.SizeUrlTemplate);
        Assert.Contains("X3", noExifRow.UsableSizes);
        Assert.False(await DbAsync(db => db.Set<Album>().AnyAsync(a => a.Name == "Profile Photos")));

        // 2. Re-sync with no change: nothing rewritten, and only cheap requests.
        var photosBefore = await RowVersionsAsync();
        var albumsBefore = await AlbumVersionsAsync();
        fixture.Fake.Requests.Reset();
        await SyncWaiter.SyncAsync(session, new { scope = "account" }, fixture.Database);
        Assert.Equal(photosBefore, await RowVersionsAsync());
        Assert.Equal(albumsBefore, await AlbumVersionsAsync());
        var albumCount = lib.Albums().Count(a => !a.IsSystemAlbum);
        var folderCount = lib.Folders().Count;
        Assert.True(fixture.Fake.Requests.Total <= folderCount + (2 * albumCount) + 2, string.Join(", ", fixture.Fake.Requests.Snapshot()));
        Assert.Equal(0, fixture.Fake.Requests.Matching("!sizedetails"));
        Assert.Equal(0, fixture.Fake.Requests["GET /api/v2/image/{image}"]);

        // 3. Changes on SmugMug: add, edit (caption only: the album stamp does not move), delete, move.
        var sunsets = lib.FindAlbumByName("Sunsets")!;
        var vermont = lib.FindAlbumByName("Vermont 2019")!;
        var added = lib.AddImage(sunsets, "new-sunset.jpg");
        var edited = sunsets.Images[1];
        lib.UpdateImage(edited, i => i.Caption = "Edited on SmugMug");
        var deleted = sunsets.Images[2];
        lib.DeleteImage(deleted);
        var moved = sunsets.Images[3];
        var movedRowBefore = await DbAsync(db => db.Set<Photo>().SingleAsync(p => p.ImageKey == moved.ImageKey));
        // A described photo: its description and the pointer to it must survive the move.
        await fixture.Database.ExecuteAsync($"""
            WITH v AS (
                INSERT INTO photo_ai_versions (photo_id, version, description, keywords, provider, model, input_tokens, output_tokens,
                                               cost_usd, latency_ms, approved, edited_by_user, created_at)
                VALUES ({movedRowBefore.Id}, 1, 'A sunset', ARRAY['sunset'], 'user', 'user', 0, 0, 0, 0, false, true, now())
                RETURNING id)
            UPDATE photos SET current_ai_version_id = (SELECT id FROM v) WHERE id = {movedRowBefore.Id}
            """);
        lib.MoveImage(moved, vermont);

        await SyncWaiter.SyncAsync(session, new { scope = "account" }, fixture.Database);

        Assert.True(await DbAsync(db => db.Set<Photo>().AnyAsync(p => p.ImageKey == added.ImageKey && p.DeletedAt == null && p.Status == PhotoStatus.NotProcessed)));
        Assert.Equal("Edited on SmugMug", (await DbAsync(db => db.Set<Photo>().SingleAsync(p => p.ImageKey == edited.ImageKey))).Caption);
        Assert.NotNull((await DbAsync(db => db.Set<Photo>().SingleAsync(p => p.ImageKey == deleted.ImageKey))).DeletedAt);
        var movedRow = await DbAsync(db => db.Set<Photo>().Include(p => p.Album).SingleAsync(p => p.ImageKey == moved.ImageKey));
        Assert.Equal(movedRowBefore.Id, movedRow.Id);
        Assert.Equal(vermont.AlbumKey, movedRow.Album!.AlbumKey);
        Assert.Null(movedRow.DeletedAt);
        Assert.Equal(PhotoStatus.Completed, movedRow.Status);
        Assert.Equal(visible, await DbAsync(db => db.Set<Photo>().CountAsync(p => p.DeletedAt == null)));

        // 4. Stats reflect it.
        var stats = await session.GetJsonAsync("/api/library/stats");
        Assert.Equal(visible, stats.GetProperty("photos").GetInt32());
        Assert.Equal(1, stats.GetProperty("described").GetInt32());
    }
}
