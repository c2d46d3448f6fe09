using System.Net.Http.Json;
using System.Text.Json;
using FakeAi;
using FakeSmugMug;
using FakeSmugMug.Seeds;
using Microsoft.Extensions.DependencyInjection;
using TargetVision.Api.Features.Autopilot;

namespace TargetVision.Tests.Autopilot;

/// <summary>A clock the test moves by hand; only the autopilot's keyed clock is replaced with it.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}

/// <summary>
/// Three app instances (replicas) on one database, the fake SmugMug (small seed, connected with Modify) and the fake
/// Anthropic API. Ticks are triggered explicitly on the replicas (their loops are off) with a shared manual clock.
/// Only replica A describes (the others have no ai.describe slots), so budget figures are deterministic.
/// </summary>
public sealed class AutopilotFixture : IAsyncLifetime
{
    public ManualClock Clock { get; } = new(WholeMinute(DateTimeOffset.UtcNow));

    private static DateTimeOffset WholeMinute(DateTimeOffset t) => new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
    public SmugMugTestSetup Smug { get; private set; } = null!;
    public FakeSmugMugServer Fake => Smug.Server;
    public FakeAnthropicServer Claude { get; private set; } = null!;
    public TestDatabase Database { get; private set; } = null!;
    public TargetVisionApp[] Replicas { get; private set; } = [];
    public TargetVisionApp App => Replicas[0];

    private Dictionary<string, string?> Settings(bool describes)
    {
        var s = new Dictionary<string, string?>(Smug.Settings(), StringComparer.OrdinalIgnoreCase)
        {
            ["Jobs:PollSeconds"] = "0.2",
            ["Jobs:RetryBaseSeconds"] = "0.05",
            ["Jobs:LeaseSeconds"] = "10",
            ["Jobs:KindConcurrency:ai.describe"] = describes ? "1" : "0",
            ["Anthropic:BaseUrl"] = Claude.BaseUrl,
            ["Anthropic:TimeoutSeconds"] = "5",
            ["Secrets:AnthropicApiKey"] = FakeAiOptions.DefaultTestKey,
            ["Ai:RequestsPerMinute"] = "60000",
            ["Ai:RetryJitterSeconds"] = "0.1",
            ["SmugMug:MaxRetries"] = "2",
            ["Autopilot:SchedulerEnabled"] = "false",
            ["Autopilot:TickSeconds"] = "60",
        };
        return s;
    }

    public async Task InitializeAsync()
    {
        Smug = await SmugMugTestSetup.StartAsync(new FakeSmugMugOptions { Library = LibrarySeeds.Small() });
        Claude = await FakeAnthropicServer.StartAsync(new FakeAiOptions());
        Database = await TestPostgres.CreateDatabaseAsync();
        Replicas = [.. Enumerable.Range(0, 3).Select(i => new TargetVisionApp(Database, Settings(describes: i == 0))
        {
            ConfigureTestServices = services => services.AddKeyedSingleton<TimeProvider>(AutopilotClock.Key, Clock),
        })];
        foreach (var replica in Replicas)
        {
            _ = replica.Server;
        }
        await Smug.ConnectAsync(App.Services);
    }

    /// <summary>One tick on every replica at the same moment.</summary>
    public async Task<TickOutcome[]> TickAllAsync() =>
        await Task.WhenAll(Replicas.Select(r => r.Services.GetRequiredService<AutopilotScheduler>().TickAsync(CancellationToken.None)));

    public async Task<ApiSession> OwnerAsync(int replica = 0)
    {
        var session = Replicas[replica].CreateSession();
        await session.SignInAsOwnerAsync();
        return session;
    }

    public static async Task<JsonElement> PutSettingsAsync(ApiSession session, object body)
    {
        using var response = await session.PutAsync("/api/autopilot/settings", body);
        await ApiSession.EnsureSuccess(response);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<List<JsonElement>> RunsAsync(ApiSession session) =>
        [.. (await session.GetJsonAsync("/api/autopilot/runs?pageSize=100")).GetProperty("items").EnumerateArray()];

    /// <summary>Waits (polling, no fixed sleep) until a condition on the database or the API holds.</summary>
    public static async Task WaitForAsync(Func<Task<bool>> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}");
            }
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var replica in Replicas)
        {
            await replica.DisposeAsync();
        }
        await Database.DisposeAsync();
        await Claude.DisposeAsync();
        await Smug.DisposeAsync();
    }
}
