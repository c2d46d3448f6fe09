using System.Globalization;
using System.Runtime.InteropServices;
using FakeSmugMug.Seeds;

namespace FakeSmugMug;

/// <summary>
/// Standalone entry point. An explicit class in this namespace (not top-level statements) so that projects which
/// reference both the fake and TargetVision.Api do not see two global <c>Program</c> types.
/// </summary>
public static class StandaloneProgram
{
    public static async Task<int> Main(string[] args)
    {
        // Standalone mode for demos and the dev compose overlay:
        //   dotnet run --project tests/FakeSmugMug -- --urls http://127.0.0.1:5100 [--seed demo|small|large] [--latency-ms N] [--public-url URL]
        var options = new FakeSmugMugOptions
        {
            Urls = "http://127.0.0.1:5100",
            ConsumerKey = Environment.GetEnvironmentVariable("FAKE_SMUGMUG_CONSUMER_KEY") is { Length: > 0 } k ? k : "demo-key",
            ConsumerSecret = Environment.GetEnvironmentVariable("FAKE_SMUGMUG_CONSUMER_SECRET") is { Length: > 0 } s ? s : "demo-secret",
            LogRequests = true,
        };
        var seed = "demo";
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--urls": options.Urls = Next(); break;
                case "--seed": seed = Next(); break;
                case "--latency-ms": options.Latency = TimeSpan.FromMilliseconds(int.Parse(Next(), CultureInfo.InvariantCulture)); break;
                case "--public-url": options.PublicBaseUrl = Next(); break;
                case "--quiet": options.LogRequests = false; break;
                default:
                    Console.Error.WriteLine($"Unknown argument {args[i]}");
                    return 2;
            }
        }

        options.Library = LibrarySeeds.ByName(seed);
        await using var server = await FakeSmugMugServer.StartAsync(options);
        // A fixed, pre-approved access token lets the app's `seed` command sync without a browser (dev overlay).
        if (Environment.GetEnvironmentVariable("FAKE_SMUGMUG_SEED_TOKEN") is { Length: > 0 } seedToken
            && Environment.GetEnvironmentVariable("FAKE_SMUGMUG_SEED_TOKEN_SECRET") is { Length: > 0 } seedSecret)
        {
            server.Tokens.Register(seedToken, seedSecret, new OAuth.OAuthGrant(OAuth.AccessLevel.Full, OAuth.PermissionLevel.Modify));
            Console.WriteLine("  Seed token:     registered (FAKE_SMUGMUG_SEED_TOKEN)");
        }
        Console.WriteLine($"Fake SmugMug listening on {server.BaseUrl} (seed '{seed}', {server.Library.ImageCount} photos, user @{server.Library.NickName})");
        Console.WriteLine($"  API:          {server.ApiBaseUrl}");
        Console.WriteLine($"  OAuth:        {server.OAuthBaseUrl}");
        Console.WriteLine($"  Photos:       {server.ImageBaseUrl}");
        Console.WriteLine($"  ConsumerKey:    {server.ConsumerKey}");
        Console.WriteLine($"  ConsumerSecret: {server.ConsumerSecret}");
        using var stop = new CancellationTokenSource();

        // Handle the signals directly: `docker stop`, `timeout` and Ctrl+C must all end the process promptly.
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // A signal arrived: fall through to dispose the server.
        }

        return 0;
    }
}
