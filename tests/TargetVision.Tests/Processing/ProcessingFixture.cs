using FakeAi;
using FakeSmugMug;
using FakeSmugMug.Images;
using FakeSmugMug.Model;
using Microsoft.Extensions.DependencyInjection;
using TargetVision.Api.Features.Library;
using TargetVision.Api.Infrastructure.Database;

namespace TargetVision.Tests.Processing;

/// <summary>
/// The app wired to the fake SmugMug (image host) and the fake Anthropic API, with a fast queue. Photos are inserted
/// as sync would store them, their URL templates pointing at the fake's image host.
/// </summary>
public class ProcessingFixture : IAsyncLifetime
{
    public const int PhotoCount = 260;

    public FakeLibrary Library { get; } = new();
    public SmugMugTestSetup SmugMug { get; private set; } = null!;
    public FakeAnthropicServer Claude { get; private set; } = null!;
    public FakeOpenAiServer OpenAi { get; private set; } = null!;

    /// <summary>Only the OpenAI tests configure a key; the others check what happens without one.</summary>
    protected virtual bool WithOpenAiKey => false;
    public TestDatabase Database { get; private set; } = null!;
    public TargetVisionApp App { get; private set; } = null!;
    public Album Album { get; private set; } = null!;

    public Dictionary<string, string?> Settings(IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>(SmugMug.Settings(), StringComparer.OrdinalIgnoreCase)
        {
            ["Jobs:Concurrency"] = "4",
            // Long enough that a renewal delayed by a saturated test machine does not hand a live job to another
            // worker (which would describe it twice); short enough that the dead-replica tests finish quickly.
            ["Jobs:LeaseSeconds"] = "10",
            ["Jobs:PollSeconds"] = "0.2",
            ["Jobs:RetryBaseSeconds"] = "0.05",
            ["Jobs:MaxAttempts"] = "4",
            ["Anthropic:BaseUrl"] = Claude.BaseUrl,
            // A call abandoned on timeout may still have succeeded upstream and is then paid twice: keep the timeout
            // well above what a saturated test machine adds to the fake's latency.
            ["Anthropic:TimeoutSeconds"] = "5",
            ["Secrets:AnthropicApiKey"] = FakeAiOptions.DefaultTestKey,
            ["OpenAI:BaseUrl"] = OpenAi.Endpoint.ToString(),
            ["OpenAI:TimeoutSeconds"] = "5",
            ["Ai:OpenAiRequestsPerMinute"] = "60000",
            ["Ai:RequestsPerMinute"] = "60000",
            ["Ai:RetryJitterSeconds"] = "0.1",
        };
        if (WithOpenAiKey)
        {
            settings["Secrets:OpenAiApiKey"] = FakeAiOptions.DefaultTestKey;
        }
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return settings;
    }

    public async Task InitializeAsync()
    {
        var album = Library.AddAlbum(Library.Root, "Processing");
        var colors = Enum.GetValues<PaletteColor>();
        for (var i = 0; i < PhotoCount; i++)
        {
            Library.AddImage(album, $"IMG_{i:D4}.jpg", image => image.Color = colors[i % colors.Length]);
        }
        SmugMug = await SmugMugTestSetup.StartAsync(new FakeSmugMugOptions { Library = Library });
        Claude = await FakeAnthropicServer.StartAsync(new FakeAiOptions());
        OpenAi = await FakeOpenAiServer.StartAsync(new FakeAiOptions());
        Database = await TestPostgres.CreateDatabaseAsync();
        App = CreateReplica();
        _ = App.Server;
        await SmugMug.ConnectAsync(App.Services);
        Album = await InsertLibraryAsync(album);
    }

    public TargetVisionApp CreateReplica(IDictionary<string, string?>? overrides = null) => new(Database, Settings(overrides));

    private async Task<Album> InsertLibraryAsync(FakeAlbum fakeAlbum)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = DateTimeOffset.UtcNow;
        var album = new Album { AlbumKey = fakeAlbum.AlbumKey, Name = fakeAlbum.Name, FolderPath = "Tests", CreatedAt = now, SyncedAt = now };
        db.Add(album);
        await db.SaveChangesAsync();
        foreach (var image in fakeAlbum.Images)
        {
            db.Add(new Photo
            {
                ImageKey = image.ImageKey,
                AlbumId = album.Id,
                FileName = image.FileName,
                Width = image.OriginalWidth,
                Height = image.OriginalHeight,
                SizeUrlTemplate = ImageUrls.Template(SmugMug.BaseUrl, image),
                UsableSizes = ["Th", "S", "M", "L", "XL", "X2", "X3", "X4"],
                SyncedAt = now,
                CreatedAt = now,
            });
        }
        await db.SaveChangesAsync();
        return album;
    }

    /// <summary>Ids of the fixture's photos in insertion order; tests take disjoint ranges.</summary>
    public async Task<int[]> PhotoIdsAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return [.. db.Set<Photo>().OrderBy(p => p.Id).Select(p => p.Id)];
    }

    public async Task<ApiSession> OwnerAsync(TargetVisionApp? app = null)
    {
        var session = (app ?? App).CreateSession();
        await session.SignInAsOwnerAsync();
        return session;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
        await Claude.DisposeAsync();
        await OpenAi.DisposeAsync();
        await SmugMug.DisposeAsync();
    }
}

/// <summary>The same fixture with an OpenAI key configured.</summary>
public sealed class OpenAiProcessingFixture : ProcessingFixture
{
    protected override bool WithOpenAiKey => true;
}
