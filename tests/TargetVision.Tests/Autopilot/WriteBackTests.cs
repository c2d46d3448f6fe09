using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FakeSmugMug.Model;
using FakeSmugMug.Seeds;
using Microsoft.Extensions.DependencyInjection;
using TargetVision.Api.Features.SmugMug;
using TargetVision.Api.Integrations.SmugMug;
using TargetVision.Tests.SmugMug;

namespace TargetVision.Tests.Autopilot;

/// <summary>The fake SmugMug's small library (one photo with the photographer's own caption and keywords), synced.</summary>
public sealed class WriteBackFixture : SmugMugFixture
{
    protected override FakeLibrary CreateLibrary()
    {
        var library = LibrarySeeds.Small();
        var own = library.FindAlbumByName("Sunsets")!.Images[0];
        own.Caption = "Taken from the pier";
        own.Keywords.AddRange(["beach", "Sunset"]);
        return library;
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using var session = await OwnerSessionAsync();
        await SyncWaiter.SyncAsync(session, new { scope = "account" }, Database);
        await GrantModifyAsync();
    }

    /// <summary>Write-back needs the connection to have been granted Modify (the fake's tokens are).</summary>
    public Task GrantModifyAsync() => Database.ExecuteAsync("UPDATE smugmug_accounts SET permissions = 'Modify'");

    public async Task<int> PhotoIdAsync(FakeImage image) =>
        await Database.ScalarAsync<int>("SELECT id FROM photos WHERE image_key = @k", ("k", image.ImageKey));

    /// <summary>An edited (human) description, approved: the only kind of version write-back writes.</summary>
    public static async Task DescribeAndApproveAsync(ApiSession session, int photoId, string description, string[] keywords, bool approve = true)
    {
        using (var edit = await session.PutAsync($"/api/photos/{photoId}/ai", new { description, keywords }))
        {
            await ApiSession.EnsureSuccess(edit);
        }
        if (approve)
        {
            using var approved = await session.PostAsync($"/api/photos/{photoId}/ai/approve", null);
            await ApiSession.EnsureSuccess(approved);
        }
    }
}

/// <summary>Write-back against the fake's PATCH on images: preview = written, merge, undo, protection, re-sync, permissions, 429.</summary>
public sealed class WriteBackTests(WriteBackFixture fx) : IClassFixture<WriteBackFixture>
{
    private FakeAlbum Sunsets => fx.Fake.Library.FindAlbumByName("Sunsets")!;

    private static async Task<JsonElement> PreviewAsync(ApiSession session, object body)
    {
        using var response = await session.PostAsync("/api/autopilot/writeback/preview", body);
        await ApiSession.EnsureSuccess(response);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> WaitBatchAsync(ApiSession session, JsonElement started)
    {
        var id = started.GetProperty("batch").GetProperty("id").GetString();
        JsonElement view = default;
        await AutopilotFixture.WaitForAsync(async () =>
        {
            view = await session.GetJsonAsync($"/api/batches/{id}");
            return view.GetProperty("status").GetString() is "completed" or "cancelled";
        }, $"batch {id}");
        return view;
    }

    private static async Task<string> FailuresAsync(ApiSession session, JsonElement batch) =>
        (await session.GetJsonAsync($"/api/batches/{batch.GetProperty("id").GetString()}/failures")).ToString();

    private static async Task<JsonElement> PostAcceptedAsync(ApiSession session, string path, object? body)
    {
        using var response = await session.PostAsync(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    [Fact]
    public async Task Preview_matches_what_is_written_keywords_merge_undo_restores_and_a_changed_photo_is_protected()
    {
        using var session = await fx.OwnerSessionAsync();
        using (var optIn = await session.PutAsync("/api/autopilot/writeback/targets", new { kind = "album", key = Sunsets.AlbumKey, enabled = true }))
        {
            await ApiSession.EnsureSuccess(optIn);
        }
        await AutopilotFixture.PutSettingsAsync(session, new { writeKeywords = true, caption = "when_empty", title = "when_empty" });
        var own = Sunsets.Images[0];
        var plain = Sunsets.Images[1];
        var later = Sunsets.Images[2];
        var unapproved = Sunsets.Images[3];
        var ownId = await fx.PhotoIdAsync(own);
        var plainId = await fx.PhotoIdAsync(plain);
        var laterId = await fx.PhotoIdAsync(later);
        await WriteBackFixture.DescribeAndApproveAsync(session, ownId, "A red sun sinks into the sea. Boats wait by the pier.", ["sunset", "sea", "boats"]);
        await WriteBackFixture.DescribeAndApproveAsync(session, plainId, "Purple clouds over a calm bay.", ["clouds", "bay"]);
        await WriteBackFixture.DescribeAndApproveAsync(session, laterId, "Pink sky above dunes.", ["dunes"]);
        await WriteBackFixture.DescribeAndApproveAsync(session, await fx.PhotoIdAsync(unapproved), "Not approved yet.", ["draft"], approve: false);
        var vermontPhoto = await fx.PhotoIdAsync(fx.Fake.Library.FindAlbumByName("Vermont 2019")!.Images[0]);
        await WriteBackFixture.DescribeAndApproveAsync(session, vermontPhoto, "A red barn.", ["barn"]);

        var elsewhere = await PreviewAsync(session, new { scope = "photos", photoIds = new[] { vermontPhoto } });
        Assert.Equal(1, elsewhere.GetProperty("notOptedIn").GetInt32());
        Assert.Equal(0, elsewhere.GetProperty("changes").GetInt32());

        var preview = await PreviewAsync(session, new { scope = "album", albumKey = Sunsets.AlbumKey });
        Assert.Equal(3, preview.GetProperty("changes").GetInt32());
        Assert.Equal(Sunsets.Images.Count - 3, preview.GetProperty("notApproved").GetInt32());
        var items = preview.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("photoId").GetInt32());
        var ownItem = items[ownId];
        // The photographer's keywords first and kept (a case-insensitive duplicate is not added), caption kept.
        Assert.Equal(["beach", "Sunset"], Strings(ownItem.GetProperty("keywords").GetProperty("from")));
        Assert.Equal(["beach", "Sunset", "sea", "boats"], Strings(ownItem.GetProperty("keywords").GetProperty("to")));
        Assert.Equal(JsonValueKind.Null, ownItem.GetProperty("caption").ValueKind);
        Assert.Equal("A red sun sinks into the sea", ownItem.GetProperty("title").GetProperty("to").GetString());
        Assert.Equal("Purple clouds over a calm bay.", items[plainId].GetProperty("caption").GetProperty("to").GetString());

        // Confirm: one 429 on the way is waited out like every SmugMug call.
        var patchesBefore = fx.Fake.Requests["PATCH /api/v2/image/{image}"];
        fx.Fake.Faults.RateLimitNext(1, retryAfterSeconds: 1, pathPrefix: "/api/v2/image/");
        var started = await PostAcceptedAsync(session, $"/api/autopilot/writeback/{preview.GetProperty("id").GetInt64()}/confirm", null);
        Assert.Equal(3, started.GetProperty("photos").GetInt32());
        var batch = await WaitBatchAsync(session, started);
        Assert.True(batch.GetProperty("failed").GetInt32() == 0, await FailuresAsync(session, batch));
        Assert.Equal(3, fx.Fake.Requests["PATCH /api/v2/image/{image}"] - patchesBefore);

        foreach (var (id, item) in items)
        {
            var image = fx.Fake.Library.FindImage(item.GetProperty("imageKey").GetString()!)!;
            if (item.GetProperty("keywords").ValueKind != JsonValueKind.Null)
            {
                Assert.Equal(Strings(item.GetProperty("keywords").GetProperty("to")), image.Keywords);
            }
            if (item.GetProperty("caption").ValueKind != JsonValueKind.Null)
            {
                Assert.Equal(item.GetProperty("caption").GetProperty("to").GetString(), image.Caption);
            }
            if (item.GetProperty("title").ValueKind != JsonValueKind.Null)
            {
                Assert.Equal(item.GetProperty("title").GetProperty("to").GetString(), image.Title);
            }
        }
        Assert.Equal("Taken from the pier", own.Caption);
        var written = await session.GetJsonAsync($"/api/autopilot/writeback/{preview.GetProperty("id").GetInt64()}");
        Assert.Equal(3, written.GetProperty("counts").GetProperty("written").GetInt32());
        // Regression (demo walkthrough): the write-back said "writing" for ever after its batch had finished.
        Assert.Equal("written", written.GetProperty("status").GetString());

        // A re-sync sees the written values as the photographer's own: nothing updated, and nothing left to write.
        var sync = await SyncWaiter.SyncAsync(session, new { scope = "album", albumKey = Sunsets.AlbumKey }, fx.Database);
        var result = await fx.Database.ScalarAsync<string>(
            $"SELECT result::text FROM jobs WHERE batch_id = '{sync.GetProperty("id").GetString()}' AND kind = 'smugmug.sync-album'");
        Assert.Equal(0, JsonDocument.Parse(result!).RootElement.GetProperty("updated").GetInt32());
        Assert.Equal(["beach", "Sunset", "sea", "boats"], (await fx.Database.ScalarAsync<string[]>($"SELECT keywords FROM photos WHERE id = {ownId}"))!);
        var again = await PreviewAsync(session, new { scope = "album", albumKey = Sunsets.AlbumKey });
        Assert.Equal(0, again.GetProperty("changes").GetInt32());
        Assert.Equal(3, again.GetProperty("unchanged").GetInt32());

        // Changed on SmugMug after the write: undo leaves it alone until confirmed.
        fx.Fake.Library.UpdateImage(later, i => i.Caption = "The photographer's own words");
        var undo = await PostAcceptedAsync(session, "/api/autopilot/writeback/undo", new { writeBackId = preview.GetProperty("id").GetInt64() });
        await WaitBatchAsync(session, undo);
        Assert.Equal(["beach", "Sunset"], own.Keywords);
        Assert.Equal("", own.Title);
        Assert.Equal("", plain.Caption);
        Assert.Empty(plain.Keywords);
        Assert.Equal("The photographer's own words", later.Caption);
        var view = await session.GetJsonAsync($"/api/autopilot/writeback/{preview.GetProperty("id").GetInt64()}");
        Assert.Equal(2, view.GetProperty("counts").GetProperty("undone").GetInt32());
        var protectedItem = view.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("photoId").GetInt32() == laterId);
        Assert.Equal("protected", protectedItem.GetProperty("status").GetString());
        Assert.Contains("Changed on SmugMug after the write", protectedItem.GetProperty("message").GetString(), StringComparison.Ordinal);

        var forced = await PostAcceptedAsync(session, "/api/autopilot/writeback/undo", new { photoIds = new[] { laterId }, force = true });
        Assert.Equal(1, forced.GetProperty("photos").GetInt32());
        await WaitBatchAsync(session, forced);
        Assert.Equal("", later.Caption);
        Assert.Empty(later.Keywords);
        Assert.Equal("", await fx.Database.ScalarAsync<string>($"SELECT coalesce(caption, '') FROM photos WHERE id = {laterId}"));

        using var nothing = await session.PostAsync("/api/autopilot/writeback/undo", new { albumKey = Sunsets.AlbumKey });
        Assert.Equal(HttpStatusCode.Conflict, nothing.StatusCode);
    }

    [Fact]
    public async Task Without_Modify_the_api_refuses_and_SmugMug_403_or_401_fail_the_job_with_the_reason()
    {
        using var session = await fx.OwnerSessionAsync();
        var album = fx.Fake.Library.FindAlbumByName("Zürich ☕")!;
        using (var optIn = await session.PutAsync("/api/autopilot/writeback/targets", new { kind = "album", key = album.AlbumKey, enabled = true }))
        {
            await ApiSession.EnsureSuccess(optIn);
        }
        var photoId = await fx.PhotoIdAsync(album.Images[0]);
        await WriteBackFixture.DescribeAndApproveAsync(session, photoId, "Coffee on the lake shore.", ["coffee", "lake"]);
        long Preview(JsonElement p) => p.GetProperty("id").GetInt64();

        // The connection says Read: the API answers 403 with the reconnect step, before any request to SmugMug.
        await fx.Database.ExecuteAsync("UPDATE smugmug_accounts SET permissions = 'Read'");
        var preview = await PreviewAsync(session, new { scope = "photos", photoIds = new[] { photoId } });
        using (var refused = await session.PostAsync($"/api/autopilot/writeback/{Preview(preview)}/confirm", null))
        {
            await ProblemAssert.IsProblem(refused, HttpStatusCode.Forbidden);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("allowing Modify", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.True(problem.TryGetProperty("reconnect", out _));
        }

        // The account claims Modify but the token SmugMug knows is Read: SmugMug's 403 fails the job at once.
        var readToken = fx.Fake.IssueAccessToken(FakeSmugMug.OAuth.AccessLevel.Full, FakeSmugMug.OAuth.PermissionLevel.Read);
        await SaveTokenAsync(readToken.Token, readToken.Secret);
        var batch = await WaitBatchAsync(session, await PostAcceptedAsync(session, $"/api/autopilot/writeback/{Preview(preview)}/confirm", null));
        Assert.Equal(1, batch.GetProperty("failed").GetInt32());
        var failure = (await session.GetJsonAsync($"/api/batches/{batch.GetProperty("id").GetString()}/failures"))[0];
        Assert.Contains("Permission too low", failure.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(album.Images[0].Keywords);

        // A token revoked on SmugMug: 401, reported as "reconnect".
        var token = fx.Fake.IssueAccessToken();
        await SaveTokenAsync(token.Token, token.Secret);
        Assert.True(fx.Fake.Tokens.Revoke(token.Token));
        var second = await PreviewAsync(session, new { scope = "photos", photoIds = new[] { photoId } });
        batch = await WaitBatchAsync(session, await PostAcceptedAsync(session, $"/api/autopilot/writeback/{Preview(second)}/confirm", null));
        failure = (await session.GetJsonAsync($"/api/batches/{batch.GetProperty("id").GetString()}/failures"))[0];
        Assert.Contains("Reconnect SmugMug", failure.GetProperty("error").GetString(), StringComparison.Ordinal);

        await fx.Smug.ConnectAsync(fx.App.Services);
        await fx.GrantModifyAsync();
        using var missing = await session.PostAsync("/api/autopilot/writeback/999999/confirm", null);
        await ProblemAssert.IsProblem(missing, HttpStatusCode.NotFound);
        using var badScope = await session.PostAsync("/api/autopilot/writeback/preview", new { scope = "galaxy" });
        await ProblemAssert.IsProblem(badScope, HttpStatusCode.BadRequest);
        using var badTarget = await session.PutAsync("/api/autopilot/writeback/targets", new { kind = "album", key = "nope", enabled = true });
        await ProblemAssert.IsProblem(badTarget, HttpStatusCode.BadRequest);
    }

    /// <summary>Stores a token while the account keeps claiming Modify, so only SmugMug itself can refuse.</summary>
    private async Task SaveTokenAsync(string token, string secret)
    {
        await using var scope = fx.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SmugMugAccountStore>().SaveConnectionAsync(new OAuthToken(token, secret), CancellationToken.None);
        await fx.Database.ExecuteAsync("UPDATE smugmug_accounts SET permissions = 'Modify'");
    }
}
