using FakeSmugMug;
using FakeSmugMug.Model;
using TargetVision.Tests.SmugMug;

namespace TargetVision.Tests.Visual;

/// <summary>
/// The embedding pipeline end to end: a sync queues embedding of its new and changed photos, the embed-image job
/// fetches renditions from the (fake) SmugMug image host, and a model change re-embeds the library.
/// </summary>
public sealed class VisualPipelineTests
{
    private static async Task WaitForAsync(Func<Task<bool>> condition, string what, TestDatabase database)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                var jobs = await database.ScalarAsync<string>("SELECT string_agg(kind || ' ' || status || ' ' || coalesce(last_error, '') || ' ' || coalesce(result::text, ''), ' | ') FROM jobs WHERE kind LIKE 'visual.%'");
                throw new TimeoutException($"{what}; visual jobs: {jobs}");
            }
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Sync_embeds_new_and_replaced_photos_and_a_model_change_re_embeds_them()
    {
        var library = new FakeLibrary();
        var album = library.AddAlbum(library.Root, "Visual");
        var colors = new[] { PaletteColor.Red, PaletteColor.Blue, PaletteColor.Green, PaletteColor.Yellow };
        var images = colors.Select((c, i) => library.AddImage(album, $"IMG_{i}.jpg", image => image.Color = c)).ToList();
        await using var smugMug = await SmugMugTestSetup.StartAsync(new FakeSmugMugOptions { Library = library });
        await using var database = await TestPostgres.CreateDatabaseAsync();
        var models = Directory.CreateTempSubdirectory("tv-pipeline-").FullName;
        VisualFixture.InstallTinyClip(models);
        Dictionary<string, string?> Settings(string modelId)
        {
            var settings = new Dictionary<string, string?>(smugMug.Settings(), StringComparer.OrdinalIgnoreCase)
            {
                ["Jobs:PollSeconds"] = "0.2",
                ["Jobs:RetryBaseSeconds"] = "0.05",
            };
            foreach (var (key, value) in VisualFixture.VisualSettings(models, modelId))
            {
                settings[key] = value;
            }
            return settings;
        }
        Task<long> Embedded(string model) => database.ScalarAsync<long>(
            "SELECT count(*) FROM image_embeddings e JOIN photos p ON p.id = e.photo_id WHERE e.model = @m AND e.source_stamp = coalesce(p.archived_md5, '') || ':' || p.serial",
            ("m", model));

        try
        {
            await using (var app = new TargetVisionApp(database, Settings("clip-a")))
            {
                _ = app.Server;
                await smugMug.ConnectAsync(app.Services);
                using var session = app.CreateSession();
                await session.SignInAsOwnerAsync();
                await SyncWaiter.SyncAsync(session, new { scope = "album", albumKey = album.AlbumKey }, database);
                await WaitForAsync(async () => await Embedded("clip-a") == 4, "the synced photos were not embedded", database);

                // Different colours, different embeddings: the pixels really went through the model.
                var distinct = await database.ScalarAsync<long>("SELECT count(DISTINCT embedding::text) FROM image_embeddings");
                Assert.Equal(4, distinct);

                var before = await database.ScalarAsync<string>("SELECT e.embedding::text FROM image_embeddings e JOIN photos p ON p.id = e.photo_id WHERE p.image_key = @k", ("k", images[0].ImageKey));
                library.ReplaceImage(images[0], PaletteColor.Purple);
                await SyncWaiter.SyncAsync(session, new { scope = "album", albumKey = album.AlbumKey }, database);
                await WaitForAsync(async () => await database.ScalarAsync<string>(
                    "SELECT e.embedding::text FROM image_embeddings e JOIN photos p ON p.id = e.photo_id WHERE p.image_key = @k", ("k", images[0].ImageKey)) != before,
                    "the replaced photo was not embedded again", database);
                Assert.Equal(4, await Embedded("clip-a"));
            }

            // Restarted with another model: the library is re-embedded in the new space, the old rows stay listed.
            await using (var app = new TargetVisionApp(database, Settings("clip-b")))
            {
                _ = app.Server;
                await WaitForAsync(async () => await Embedded("clip-b") == 4, "the model change did not re-embed", database);
                using var session = app.CreateSession();
                await session.SignInAsOwnerAsync();
                var stats = await session.GetJsonAsync("/api/embeddings/stats");
                Assert.Equal(4, stats.GetProperty("embedded").GetInt32());
                Assert.Equal(0, stats.GetProperty("missing").GetInt32());
                Assert.Equal(["clip-a", "clip-b"], stats.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("model").GetString()));
            }
        }
        finally
        {
            Directory.Delete(models, recursive: true);
        }
    }
}
