// Throughput of the describe pipeline's provider path against the fake Anthropic API with 400 ms latency and a
// requests-per-minute limit: the product's design (two replicas on one database, 4 workers each, pacing through the
// shared PostgreSQL rate limiter, retry-after honoured) versus the original app's design (one call at a time with a
// fixed 2 s gap). Needs PostgreSQL: TV_TEST_PG as for the tests (scripts/lib/pg-cluster.sh start DIR prints it).
using System.Diagnostics;
using System.Globalization;
using FakeAi;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using TargetVision.Api.Features.Processing;
using TargetVision.Api.Integrations.Ai;
using TargetVision.Testing;

var limit = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 120;
var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60;
const int Replicas = 2;
const int WorkersPerReplica = 4;
const string Model = "claude-haiku-4-5";

await using var fake = await FakeAnthropicServer.StartAsync(new FakeAiOptions
{
    MinLatency = TimeSpan.FromMilliseconds(400),
    RequestsPerMinute = limit,
});
await using var database = await TestPostgres.CreateDatabaseAsync();
// Outside a test runner WebApplicationFactory cannot guess the API's content root; name it.
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_TARGETVISION_API", Path.Combine(RepositoryPaths.Root, "src", "TargetVision.Api"));
var settings = new Dictionary<string, string?>
{
    ["Anthropic:BaseUrl"] = fake.BaseUrl,
    ["Anthropic:TimeoutSeconds"] = "30",
    ["Secrets:AnthropicApiKey"] = FakeAiOptions.DefaultTestKey,
    // The configured limit is for all replicas together.
    ["Ai:RequestsPerMinute"] = limit.ToString(CultureInfo.InvariantCulture),
    ["Jobs:WorkerEnabled"] = "false",
};
var replicas = Enumerable.Range(0, Replicas).Select(_ => new TargetVisionApp(database, settings)).ToList();
foreach (var replica in replicas)
{
    _ = replica.Server;
}
var jpeg = Jpeg();

Console.WriteLine($"Limit {limit} requests/min, latency 400 ms, window {seconds} s");

// Product design: shared pacing + bounded concurrency on every replica; a 429 waits for the server's retry-after.
{
    var (ok, rejected, elapsed) = await RunAsync(replicas.SelectMany(r => Enumerable.Repeat(r, WorkersPerReplica)).ToList(), async (replica, ct) =>
    {
        await using var scope = replica.Services.CreateAsyncScope();
        var describer = scope.ServiceProvider.GetRequiredService<PhotoDescriber>();
        await describer.DescribeBytesAsync(jpeg, "image/jpeg", Model, PromptTemplates.DefaultText, ct);
    });
    var rate = ok / elapsed.TotalMinutes;
    Console.WriteLine($"{Replicas} replicas x {WorkersPerReplica} workers, shared limiter: {ok} described, {rejected} x 429, {rate:F1}/min = {rate / limit:P0} of the limit");
    Console.WriteLine($"RESULT describe_limiter described={ok} rejected={rejected} per_min={rate:0.0} of_limit={rate / limit:0.000}");
}

// A fresh fake with the same latency and limit, so the serial run starts with an empty one-minute window (no wait).
await using var serialFake = await FakeAnthropicServer.StartAsync(new FakeAiOptions
{
    MinLatency = TimeSpan.FromMilliseconds(400),
    RequestsPerMinute = limit,
});
{
    var provider = new TargetVisionApp(database, new Dictionary<string, string?>(settings) { ["Anthropic:BaseUrl"] = serialFake.BaseUrl });
    replicas.Add(provider);
    _ = provider.Server;
    var client = provider.Services.GetServices<IAiProvider>().Single(p => p.Id == "anthropic").CreateChatClient(FakeAiOptions.DefaultTestKey, Model);
    var (ok, rejected, elapsed) = await RunAsync([replicas[0]], async (_, ct) =>
    {
        await Microsoft.Extensions.AI.ChatClientExtensions.GetResponseAsync(client, "Describe a photo.", cancellationToken: ct);
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
    });
    var rate = ok / elapsed.TotalMinutes;
    Console.WriteLine($"original serial + 2 s gap: {ok} described, {rejected} x 429, {rate:F1}/min = {rate / limit:P0} of the limit");
    Console.WriteLine($"RESULT describe_serial described={ok} rejected={rejected} per_min={rate:0.0} of_limit={rate / limit:0.000}");
}

foreach (var replica in replicas)
{
    await replica.DisposeAsync();
}

async Task<(int Ok, int Rejected, TimeSpan Elapsed)> RunAsync(IReadOnlyList<TargetVisionApp> workers, Func<TargetVisionApp, CancellationToken, Task> call)
{
    using var window = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
    int ok = 0, rejected = 0;
    var stopwatch = Stopwatch.StartNew();
    await Task.WhenAll(workers.Select(async replica =>
    {
        while (!window.IsCancellationRequested)
        {
            try
            {
                await call(replica, window.Token);
                Interlocked.Increment(ref ok);
            }
            catch (AiRateLimitedException ex)
            {
                Interlocked.Increment(ref rejected);
                await Task.Delay(ex.RetryAfter ?? TimeSpan.FromSeconds(1), window.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            catch (OperationCanceledException) when (window.IsCancellationRequested)
            {
            }
        }
    }));
    return (ok, rejected, stopwatch.Elapsed);
}

static byte[] Jpeg()
{
    using var bitmap = new SKBitmap(1568, 1045);
    bitmap.Erase(new SKColor(40, 120, 60));
    using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 85);
    return data.ToArray();
}
