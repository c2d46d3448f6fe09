using FakeSmugMug;
using FakeSmugMug.OAuth;
using FakeSmugMug.Seeds;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TargetVision.Api.Features.SmugMug;

namespace TargetVision.Tests.SmugMug;

/// <summary>The dev overlay's `seed` command: a pre-approved token in, a synced library out.</summary>
public sealed class SeedCommandTests
{
    [Fact]
    public async Task Seed_connects_with_the_given_token_and_waits_for_the_account_sync()
    {
        await using var smug = await SmugMugTestSetup.StartAsync(new FakeSmugMugOptions { Library = LibrarySeeds.Small() });
        smug.Server.Tokens.Register("seed-token", "seed-secret", new OAuthGrant(AccessLevel.Full, PermissionLevel.Modify));
        await using var database = await TestPostgres.CreateDatabaseAsync();
        var settings = smug.Settings();
        settings["SmugMug:SeedAccessToken"] = "seed-token";
        settings["SmugMug:SeedAccessTokenSecret"] = "seed-secret";
        settings["Seed:TimeoutSeconds"] = "60";
        await using var app = new TargetVisionApp(database, settings);
        _ = app.Server; // the running backend whose workers do the sync

        var exit = await SeedCommand.RunAsync(app.Services, app.Services.GetRequiredService<IConfiguration>(), CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.Equal(smug.Server.Library.NickName, await database.ScalarAsync<string>("SELECT nick_name FROM smugmug_accounts"));
        var visible = smug.Server.Library.Albums().Where(a => !a.IsSystemAlbum).Sum(a => a.Images.Count);
        Assert.Equal(visible, await database.ScalarAsync<long>("SELECT count(*) FROM photos WHERE deleted_at IS NULL"));
    }

    [Fact]
    public async Task Seed_without_a_token_says_what_is_missing_and_fails()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        await using var app = new TargetVisionApp(database);
        _ = app.Server;
        var exit = await SeedCommand.RunAsync(app.Services, app.Services.GetRequiredService<IConfiguration>(), CancellationToken.None);
        Assert.Equal(2, exit);
    }
}
