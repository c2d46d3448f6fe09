using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using FakeSmugMug;
using FakeSmugMug.Seeds;
using TargetVision.Testing;

// Full sync of a generated 10k-photo account with 50 ms added to every SmugMug request, then a no-change re-sync.
// Needs PostgreSQL: TV_TEST_PG as for the tests (scripts/lib/pg-cluster.sh start DIR prints it).
// Goals: full ≤ 15 s, re-sync ≤ 3 s.
var photos = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var latency = TimeSpan.FromMilliseconds(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50);

var library = LibraryGenerator.Generate(new LibraryGeneratorOptions { Seed = 42, TotalPhotos = photos, AlbumCount = 150 });
await using var smug = await SmugMugTestSetup.StartAsync(new FakeSmugMugOptions { Library = library, Latency = latency });
await using var database = await TestPostgres.CreateDatabaseAsync();
var settings = smug.Settings();
// Shipped defaults: album sync jobs run 16 at a time per replica (their kind's default), SmugMug requests 8 at a time.
// Outside a test runner WebApplicationFactory cannot guess the API's content root; name it.
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_TARGETVISION_API", Path.Combine(RepositoryPaths.Root, "src", "TargetVision.Api"));
await using var app = new TargetVisionApp(database, settings);
_ = app.Server;
await smug.ConnectAsync(app.Services);

using var session = app.CreateSession();
await session.SetupOwnerAsync();

Console.WriteLine($"Account: {library.ImageCount} photos in {library.Albums().Count} albums, {library.Folders().Count} folders; {latency.TotalMilliseconds} ms per request");
var full = await RunAsync("full sync");
var again = await RunAsync("no-change re-sync");
var synced = await database.ScalarAsync<long>("SELECT count(*) FROM photos WHERE deleted_at IS NULL");
Console.WriteLine($"Photos in the database: {synced}");
Console.WriteLine($"Goals: full ≤ 15 s ({(full <= 15 ? "met" : "missed")}), re-sync ≤ 3 s ({(again <= 3 ? "met" : "missed")})");
return full <= 15 && again <= 3 ? 0 : 1;

async Task<double> RunAsync(string label)
{
    smug.Server.Requests.Reset();
    var watch = Stopwatch.StartNew();
    using var response = await session.PostAsync("/api/smugmug/sync", new { scope = "account" });
    await ApiSession.EnsureSuccess(response);
    var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batch").GetProperty("id").GetString();
    JsonElement view;
    do
    {
        await Task.Delay(50);
        view = await session.GetJsonAsync($"/api/batches/{id}");
    }
    while (view.GetProperty("status").GetString() == "running");
    watch.Stop();
    var top = string.Join(", ", smug.Server.Requests.Snapshot().OrderByDescending(kv => kv.Value).Take(4).Select(kv => $"{kv.Key} ×{kv.Value}"));
    Console.WriteLine($"{label}: {watch.Elapsed.TotalSeconds:F2} s, {smug.Server.Requests.Total} requests, {view.GetProperty("total").GetInt32()} album jobs, {view.GetProperty("failed").GetInt32()} failed ({top})");
    Console.WriteLine($"RESULT sync_{label.Split(' ')[0].TrimEnd('-')} seconds={watch.Elapsed.TotalSeconds:0.00} requests={smug.Server.Requests.Total} jobs={view.GetProperty("total").GetInt32()} failed={view.GetProperty("failed").GetInt32()}");
    return watch.Elapsed.TotalSeconds;
}
