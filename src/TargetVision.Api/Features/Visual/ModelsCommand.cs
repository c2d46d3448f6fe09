using Microsoft.Extensions.Options;
using TargetVision.Api.Integrations.Onnx;

namespace TargetVision.Api.Features.Visual;

/// <summary>
/// `TargetVision.Api models download [--force]`: fetches the configured model files into the models directory,
/// checking pinned SHA-256 digests and printing the digest of every file so a deployment can pin them.
/// </summary>
public static class ModelsCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, CancellationToken ct)
    {
        if (args.Count < 2 || args[1] != "download")
        {
            await output.WriteLineAsync("usage: TargetVision.Api models download [--force]");
            return 2;
        }
        var options = services.GetRequiredService<IOptions<VisualOptions>>().Value;
        var downloader = new ModelDownloader(services.GetRequiredService<IHttpClientFactory>().CreateClient(VisualModel.HttpClientName));
        var directory = VisualModel.ResolveDirectory(options.ModelsDirectory);
        await output.WriteLineAsync($"Models directory: {directory} (model {options.Model.Id})");
        var failed = 0;
        foreach (var file in options.EffectiveFiles())
        {
            await output.WriteLineAsync($"{file.Path} ← {file.Url}");
            var outcome = await downloader.DownloadAsync(directory, file, args.Contains("--force"), ct);
            var line = outcome.Status switch
            {
                DownloadStatus.Downloaded => $"  downloaded {outcome.Bytes:N0} bytes, sha256 {outcome.Sha256}",
                DownloadStatus.AlreadyPresent => $"  already present ({outcome.Bytes:N0} bytes), sha256 {outcome.Sha256}",
                _ => $"  FAILED: {outcome.Error} (any previous file is unchanged)",
            };
            await output.WriteLineAsync(line);
            failed += outcome.Status == DownloadStatus.Failed ? 1 : 0;
        }
        await output.WriteLineAsync(failed == 0
            ? "Done. Pin the digests above with Visual__Files__N__Sha256 to verify future downloads."
            : $"{failed} file(s) failed.");
        return failed == 0 ? 0 : 1;
    }
}
