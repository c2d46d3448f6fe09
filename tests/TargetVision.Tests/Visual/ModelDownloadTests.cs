using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TargetVision.Api.Features.Visual;
using TargetVision.Api.Integrations.Onnx;

namespace TargetVision.Tests.Visual;

/// <summary>
/// `models download` against a local HTTP server serving a generated model: digests, pinned checksums, a cut
/// connection and a wrong checksum never replace a good file, and no partial file is left behind.
/// </summary>
public sealed class ModelDownloadTests : IAsyncLifetime
{
    private static readonly byte[] Model = TinyOnnxModels.Image(512);
    private static readonly string ModelSha = Convert.ToHexStringLower(SHA256.HashData(Model));
    private readonly string directory = Directory.CreateTempSubdirectory("tv-models-").FullName;
    private WebApplication server = null!;
    private string baseUrl = "";
    private int requests;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        server = builder.Build();
        server.Use(async (context, next) =>
        {
            Interlocked.Increment(ref requests);
            await next(context);
        });
        server.MapGet("/model.onnx", () => Results.Bytes(Model, "application/octet-stream"));
        server.MapGet("/other.onnx", () => Results.Bytes(TinyOnnxModels.Image(16), "application/octet-stream"));
        server.MapGet("/cut.onnx", async (HttpContext context) =>
        {
            // Announce the whole file, send half, then drop the connection.
            context.Response.ContentLength = Model.Length;
            await context.Response.Body.WriteAsync(Model.AsMemory(0, Model.Length / 2));
            await context.Response.Body.FlushAsync();
            context.Abort();
        });
        server.MapGet("/missing.onnx", () => Results.NotFound());
        await server.StartAsync();
        baseUrl = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    private static ModelDownloader Downloader() => new(new HttpClient());

    private ModelFileSource Source(string file, string path = "clip/vision_model.onnx", string sha = "") =>
        new() { Path = path, Url = $"{baseUrl}/{file}", Sha256 = sha };

    private string Target => Path.Combine(directory, "clip", "vision_model.onnx");

    private void AssertNoPartialFiles() => Assert.Empty(Directory.EnumerateFiles(directory, "*.partial", SearchOption.AllDirectories));

    [Fact]
    public async Task A_download_lands_complete_and_reports_its_digest()
    {
        var outcome = await Downloader().DownloadAsync(directory, Source("model.onnx"), force: false, CancellationToken.None);
        Assert.Equal(DownloadStatus.Downloaded, outcome.Status);
        Assert.Equal(ModelSha, outcome.Sha256);
        Assert.Equal(Model, await File.ReadAllBytesAsync(Target));
        AssertNoPartialFiles();

        // Pinned and present: nothing is fetched again.
        var before = requests;
        var again = await Downloader().DownloadAsync(directory, Source("model.onnx", sha: ModelSha.ToUpperInvariant()), force: false, CancellationToken.None);
        Assert.Equal(DownloadStatus.AlreadyPresent, again.Status);
        Assert.Equal(before, requests);
    }

    [Fact]
    public async Task A_wrong_checksum_never_replaces_a_good_file()
    {
        await Downloader().DownloadAsync(directory, Source("model.onnx"), force: false, CancellationToken.None);
        var wrong = new string('0', 64);
        var outcome = await Downloader().DownloadAsync(directory, Source("other.onnx", sha: wrong), force: true, CancellationToken.None);
        Assert.Equal(DownloadStatus.Failed, outcome.Status);
        Assert.Contains("SHA-256 mismatch", outcome.Error);
        Assert.Equal(Model, await File.ReadAllBytesAsync(Target));
        AssertNoPartialFiles();
    }

    [Fact]
    public async Task An_interrupted_download_never_replaces_a_good_file()
    {
        await Downloader().DownloadAsync(directory, Source("model.onnx"), force: false, CancellationToken.None);
        var outcome = await Downloader().DownloadAsync(directory, Source("cut.onnx"), force: true, CancellationToken.None);
        Assert.Equal(DownloadStatus.Failed, outcome.Status);
        Assert.Equal(Model, await File.ReadAllBytesAsync(Target));
        AssertNoPartialFiles();
    }

    [Fact]
    public async Task A_corrupt_file_in_place_is_fetched_again_when_a_digest_is_pinned()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Target)!);
        await File.WriteAllBytesAsync(Target, [1, 2, 3]);
        var outcome = await Downloader().DownloadAsync(directory, Source("model.onnx", sha: ModelSha), force: false, CancellationToken.None);
        Assert.Equal(DownloadStatus.Downloaded, outcome.Status);
        Assert.Equal(Model, await File.ReadAllBytesAsync(Target));
    }

    [Fact]
    public async Task Paths_outside_the_models_directory_and_http_errors_fail_cleanly()
    {
        var escape = await Downloader().DownloadAsync(directory, Source("model.onnx", path: "../escape.onnx"), force: false, CancellationToken.None);
        Assert.Equal(DownloadStatus.Failed, escape.Status);
        Assert.False(File.Exists(Path.Combine(directory, "..", "escape.onnx")));
        var missing = await Downloader().DownloadAsync(directory, Source("missing.onnx"), force: false, CancellationToken.None);
        Assert.Equal(DownloadStatus.Failed, missing.Status);
        Assert.Contains("HTTP 404", missing.Error);
        AssertNoPartialFiles();
    }

    [Fact]
    public async Task The_command_downloads_the_configured_files_and_prints_their_digests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Visual:ModelsDirectory"] = directory,
            ["Visual:Files:0:Path"] = "clip/vision_model.onnx",
            ["Visual:Files:0:Url"] = $"{baseUrl}/model.onnx",
            ["Visual:Files:0:Sha256"] = ModelSha,
            ["Visual:Files:1:Path"] = "clip/text_model.onnx",
            ["Visual:Files:1:Url"] = $"{baseUrl}/cut.onnx",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddHttpClient()
            .Configure<VisualOptions>(configuration.GetSection(VisualOptions.Section)).BuildServiceProvider();
        using var output = new StringWriter();
        var exit = await ModelsCommand.RunAsync(services, ["models", "download"], output, CancellationToken.None);
        var text = output.ToString();
        Assert.Equal(1, exit);
        Assert.Contains($"sha256 {ModelSha}", text);
        Assert.Contains("FAILED", text);
        Assert.Contains("1 file(s) failed", text);
        Assert.False(File.Exists(Path.Combine(directory, "clip", "text_model.onnx")));
        Assert.Equal(2, await ModelsCommand.RunAsync(services, ["models"], TextWriter.Null, CancellationToken.None));
    }
}
