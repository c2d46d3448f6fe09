using System.Globalization;
using FakeAi;
using FakeAi.Hosting;

// Standalone demo host: both fake APIs on one port, e.g.
//   dotnet run --project tests/FakeAi -- --urls http://127.0.0.1:5200 --latency-ms 300 --rpm 50
// Anthropic SDK BaseUrl = http://127.0.0.1:5200, OpenAI SDK Endpoint = http://127.0.0.1:5200/v1.
var builder = WebApplication.CreateSlimBuilder(args);
var options = new FakeAiOptions();

var keys = Environment.GetEnvironmentVariable("FAKE_AI_KEYS");
if (!string.IsNullOrWhiteSpace(keys))
{
    options.WithKeys(keys.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

// "--latency-ms 300" is fixed; "--latency-ms 200-800" picks uniformly per request.
if (builder.Configuration["latency-ms"] is { Length: > 0 } latency)
{
    var parts = latency.Split('-', 2);
    options.MinLatency = TimeSpan.FromMilliseconds(int.Parse(parts[0], CultureInfo.InvariantCulture));
    options.MaxLatency = parts.Length > 1 ? TimeSpan.FromMilliseconds(int.Parse(parts[1], CultureInfo.InvariantCulture)) : options.MinLatency;
}

if (builder.Configuration["rpm"] is { Length: > 0 } rpm)
{
    options.RequestsPerMinute = int.Parse(rpm, CultureInfo.InvariantCulture);
}

if (builder.Configuration["stream-chunk-delay-ms"] is { Length: > 0 } chunkDelay)
{
    options.StreamChunkDelay = TimeSpan.FromMilliseconds(int.Parse(chunkDelay, CultureInfo.InvariantCulture));
}

// The two providers keep separate counters and rate-limit windows, as two real accounts would.
var app = FakeHost.Build(builder, new FakeApiState(options), new FakeApiState(options));
app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var url in app.Urls)
    {
        var root = url.TrimEnd('/');
        Console.WriteLine($"Fake AI listening on {root}");
        Console.WriteLine($"  Anthropic: BaseUrl {root}            (POST /v1/messages, GET /v1/models)");
        Console.WriteLine($"  OpenAI:    Endpoint {root}/v1        (POST /v1/chat/completions, /v1/embeddings, GET /v1/models)");
    }

    Console.WriteLine($"  Accepting {options.DescribeAcceptedKeys()} (set FAKE_AI_KEYS=key1,key2 to restrict)");
    Console.WriteLine(FormattableString.Invariant(
        $"  Latency {options.MinLatency.TotalMilliseconds}-{options.MaxLatency.TotalMilliseconds} ms, requests per minute: {options.RequestsPerMinute?.ToString(CultureInfo.InvariantCulture) ?? "unlimited"}"));
});

await app.RunAsync();
