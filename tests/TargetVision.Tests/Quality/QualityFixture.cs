using System.Text.Json;
using FakeAi;
using TargetVision.Tests.SmugMug;

namespace TargetVision.Tests.Quality;

/// <summary>
/// The app on a real Kestrel port with the fake SmugMug (one album synced, so image routes have real rows behind them)
/// and the fake Anthropic and OpenAI APIs (so routes that call an AI answer without leaving the machine).
/// </summary>
public sealed class QualityFixture : SmugMugFixture
{
    private FakeAnthropicServer? claude;
    private FakeOpenAiServer? openAi;

    protected override bool RealServer => true;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Anthropic:BaseUrl"] = claude!.BaseUrl;
            settings["Anthropic:TimeoutSeconds"] = "10";
            settings["OpenAI:BaseUrl"] = openAi!.Endpoint.ToString();
            settings["Secrets:AnthropicApiKey"] = FakeAiOptions.DefaultTestKey;
            settings["Ai:RequestsPerMinute"] = "60000";
            settings["Ai:OpenAiRequestsPerMinute"] = "60000";
            return settings;
        }
    }

    /// <summary>Values for path parameters that name rows which exist.</summary>
    public Dictionary<string, string> KnownIds { get; } = new(StringComparer.OrdinalIgnoreCase);

    public override async Task InitializeAsync()
    {
        claude = await FakeAnthropicServer.StartAsync();
        openAi = await FakeOpenAiServer.StartAsync();
        await base.InitializeAsync();
        using var session = await OwnerSessionAsync();
        var album = Fake.Library.FindAlbumByName("Sunsets")!;
        await SyncWaiter.SyncAsync(session, new { scope = "album", albumKey = album.AlbumKey }, Database);
        var photoId = await Database.ScalarAsync<int>("SELECT min(id) FROM photos");
        KnownIds["id"] = photoId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        KnownIds["albumKey"] = album.AlbumKey;
        KnownIds["imageKey"] = album.Images[0].ImageKey;
        KnownIds["nodeId"] = album.NodeId;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (claude is not null)
        {
            await claude.DisposeAsync();
        }
        if (openAi is not null)
        {
            await openAi.DisposeAsync();
        }
    }

    /// <summary>The OpenAPI document the app serves to the signed-in owner.</summary>
    public async Task<JsonElement> OpenApiAsync(ApiSession session) => await session.GetJsonAsync("/api/openapi/v1.json");
}
