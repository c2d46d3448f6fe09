// Throughput of the describe pipeline's provider path against the fake Anthropic API with 400 ms latency and a
// requests-per-minute limit: the product's design (rate limiter + 4 concurrent workers, retry-after honoured)
// versus the original app's design (one call at a time with a fixed 2 s gap).
using System.Diagnostics;
using FakeAi;
using Microsoft.Extensions.Options;
using SkiaSharp;
using TargetVision.Api.Features.Processing;
using TargetVision.Api.Infrastructure.Jobs;
using TargetVision.Api.Integrations.Anthropic;

var limit = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 120;
var seconds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 60;
const int Concurrency = 4;

await using var fake = await FakeAnthropicServer.StartAsync(new FakeAiOptions
{
    MinLatency = TimeSpan.FromMilliseconds(400),
    RequestsPerMinute = limit,
});
var processing = Options.Create(new AiProcessingOptions { RequestsPerMinute = limit });
var factory = new AnthropicClientFactory(Options.Create(new AnthropicOptions { BaseUrl = fake.BaseUrl, TimeoutSeconds = 30 }));
var describer = new AnthropicVisionDescriber(factory, processing, Options.Create(new AnthropicOptions { TimeoutSeconds = 30 }));
var image = new ImagePreparer(processing).Prepare(Jpeg(), "image/jpeg");
var request = new VisionRequest(FakeAiOptions.DefaultTestKey, "claude-haiku-4-5", PromptTemplates.DefaultText, image);

Console.WriteLine($"Limit {limit} requests/min, latency 400 ms, window {seconds} s");

// Product design: token-bucket pacing + bounded concurrency; a 429 waits for the server's retry-after.
await using (var limiter = new ProviderRateLimiter(processing))
{
    var (ok, rejected, elapsed) = await RunAsync(Concurrency, async ct =>
    {
        await limiter.WaitAsync("anthropic", ct);
        await describer.DescribeAsync(request, ct);
    });
    var rate = ok / elapsed.TotalMinutes;
    Console.WriteLine($"limiter + {Concurrency} workers: {ok} described, {rejected} x 429, {rate:F1}/min = {rate / limit:P0} of the limit");
}

fake.Calls.Reset();
await Task.Delay(TimeSpan.FromSeconds(61)); // let the fake's one-minute window empty
{
    var (ok, rejected, elapsed) = await RunAsync(1, async ct =>
    {
        await describer.DescribeAsync(request, ct);
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
    });
    var rate = ok / elapsed.TotalMinutes;
    Console.WriteLine($"original serial + 2 s gap: {ok} described, {rejected} x 429, {rate:F1}/min = {rate / limit:P0} of the limit");
}

async Task<(int Ok, int Rejected, TimeSpan Elapsed)> RunAsync(int workers, Func<CancellationToken, Task> call)
{
    using var window = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
    int ok = 0, rejected = 0;
    var stopwatch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
    {
        while (!window.IsCancellationRequested)
        {
            try
            {
                await call(window.Token);
                Interlocked.Increment(ref ok);
            }
            catch (RetryLaterException ex)
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
