using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TargetVision.Testing;

// A running stack seen from outside, through its nginx port — the same program for the containerised stack and for
// the backend running as a host process behind the same nginx image, so their figures can be divided.
//   prepare: sign in as the owner (setting it up on a fresh database), describe every undescribed photo through the
//            API (fake AI) and wait for the batch; prints how long it took.
//   load:    per target (index.html, a static module, a cached thumbnail, the library stats, a search) a closed loop
//            of --concurrency clients for --seconds after a one-second warm-up: requests/s, p50 and p95.
//   search:  --queries searches one after another (hybrid, no filter): p50 and p95 of the round trip.
//            --photos N describes the first N photos only.
// dotnet run -c Release --project bench/Stack -- prepare|load|search --base http://127.0.0.1:8080 [--seconds 5] [--concurrency 4] [--queries 100] [--photos N]
var command = args.FirstOrDefault() ?? "load";
var baseUrl = new Uri(Arg("--base", "http://127.0.0.1:8080"));
var seconds = int.Parse(Arg("--seconds", "5"), CultureInfo.InvariantCulture);
var concurrency = int.Parse(Arg("--concurrency", "4"), CultureInfo.InvariantCulture);
var queries = int.Parse(Arg("--queries", "100"), CultureInfo.InvariantCulture);
// prepare: describe only the first N photos (a smaller batch for --quick); 0 = every undescribed photo.
var describeCount = int.Parse(Arg("--photos", "0"), CultureInfo.InvariantCulture);
var email = Arg("--email", ApiSession.OwnerEmail);
var password = Arg("--password", ApiSession.OwnerPassword);

var session = new SessionHandler { InnerHandler = new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(concurrency, 2), UseCookies = false } };
using var client = new HttpClient(session) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
await SignInAsync();

string[] words = ["misty lighthouse", "barn at sunset", "children playing on the beach", "snowy mountain", "old bridge", "market", "castle in fog", "red train"];

switch (command)
{
    case "prepare":
        await DescribeAllAsync();
        return 0;
    case "search":
        var times = new List<double>();
        for (var i = 0; i < queries + 5; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync($"/api/search?q={Uri.EscapeDataString(words[i % words.Length])}&mode=hybrid");
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            if (i >= 5)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }
        Console.WriteLine(Inv($"RESULT search_api p50_ms={P(times, 50):0.0} p95_ms={P(times, 95):0.0} queries={queries}"));
        return 0;
    default:
        var photos = await GetJsonAsync("/api/photos?pageSize=1");
        var thumbnail = photos.GetProperty("items")[0].GetProperty("thumbnailUrl").GetString()!;
        var module = await FirstModuleAsync();
        (string Name, string Path)[] targets =
        [
            ("index_html", "/"),
            ("static_module", module),
            ("thumbnail", thumbnail),
            ("library_stats", "/api/library/stats"),
            ("search", "/api/search?q=misty%20lighthouse&mode=hybrid"),
        ];
        foreach (var (name, path) in targets)
        {
            await LoadAsync(name, path);
        }
        return 0;
}

async Task SignInAsync()
{
    var status = await GetJsonAsync("/api/auth/status");
    if (status.TryGetProperty("setupRequired", out var setup) && setup.GetBoolean())
    {
        using var created = await client.PostAsJsonAsync("/api/auth/setup", new { email, password });
        await ApiSession.EnsureSuccess(created);
        return;
    }
    using var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
    await ApiSession.EnsureSuccess(login);
}

async Task DescribeAllAsync()
{
    object scope = new { scope = "undescribed" };
    if (describeCount > 0)
    {
        var page = await GetJsonAsync($"/api/photos?pageSize={describeCount}");
        scope = new { scope = "photos", photoIds = page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("photoId").GetInt32()).ToArray() };
    }
    var watch = Stopwatch.StartNew();
    using var response = await client.PostAsJsonAsync("/api/processing/batches", scope);
    if (response.StatusCode == HttpStatusCode.BadRequest)
    {
        // Nothing left to describe (a reused stack): nothing to wait for.
        Console.WriteLine($"RESULT describe_batch seconds=0 photos=0 note={await response.Content.ReadAsStringAsync()}");
        return;
    }
    await ApiSession.EnsureSuccess(response);
    var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batch").GetProperty("id").GetString();
    JsonElement view;
    do
    {
        await Task.Delay(200);
        view = await GetJsonAsync($"/api/batches/{id}");
    }
    while (view.GetProperty("status").GetString() is not ("completed" or "cancelled" or "failed"));
    Console.WriteLine(Inv($"RESULT describe_batch seconds={watch.Elapsed.TotalSeconds:0.0} photos={view.GetProperty("total").GetInt32()} failed={view.GetProperty("failed").GetInt32()} status={view.GetProperty("status").GetString()}"));
}

async Task<string> FirstModuleAsync()
{
    // The UI's entry module, as the browser loads it after index.html.
    var html = await client.GetStringAsync("/");
    var start = html.IndexOf("src=\"", html.IndexOf("type=\"module\"", StringComparison.Ordinal), StringComparison.Ordinal) + 5;
    var path = html[start..html.IndexOf('"', start)];
    return path.StartsWith('/') ? path : "/" + path;
}

async Task LoadAsync(string name, string path)
{
    var latencies = new List<double>[concurrency];
    var errors = 0;
    using var warm = new CancellationTokenSource(TimeSpan.FromSeconds(1));
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Loop(path, warm.Token, null)));
    var watch = Stopwatch.StartNew();
    using var window = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(i => Loop(path, window.Token, latencies[i] = [])));
    var elapsed = watch.Elapsed.TotalSeconds;
    var all = latencies.SelectMany(l => l).ToList();
    Console.WriteLine(Inv($"RESULT http_{name} rps={all.Count / elapsed:0.0} p50_ms={P(all, 50):0.00} p95_ms={P(all, 95):0.00} requests={all.Count} errors={errors} path={path}"));

    async Task Loop(string url, CancellationToken ct, List<double>? record)
    {
        var buffer = new byte[81920];
        while (!ct.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                // As a browser asks for text assets.
                request.Headers.AcceptEncoding.ParseAdd("gzip");
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, CancellationToken.None);
                await using var body = await response.Content.ReadAsStreamAsync(CancellationToken.None);
                while (await body.ReadAsync(buffer, CancellationToken.None) > 0)
                {
                }
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                    continue;
                }
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref errors);
                continue;
            }
            record?.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}

async Task<JsonElement> GetJsonAsync(string path)
{
    using var response = await client.GetAsync(path);
    await ApiSession.EnsureSuccess(response);
    return await response.Content.ReadFromJsonAsync<JsonElement>();
}

static double P(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}

static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

string Arg(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}
