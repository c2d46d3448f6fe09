using System.Security.Cryptography;

namespace TargetVision.Api.Integrations.Onnx;

/// <summary>One model file to fetch: where it goes (relative to the models directory), from where, and its digest if pinned.</summary>
public sealed class ModelFileSource
{
    public string Path { get; set; } = "";
    public string Url { get; set; } = "";

    /// <summary>Lower-case hex SHA-256; empty means "not pinned" (the digest is printed so it can be pinned).</summary>
    public string Sha256 { get; set; } = "";
}

public enum DownloadStatus { Downloaded, AlreadyPresent, Failed }

public sealed record DownloadOutcome(string Path, DownloadStatus Status, string? Sha256, long Bytes, string? Error = null);

/// <summary>
/// Fetches model files into the models directory so that a file there is always complete: each download goes to a
/// temporary file next to its target, is hashed while it streams, checked against the pinned SHA-256 and the
/// announced length, and only then renamed over the target (an atomic rename on one file system). A cut connection,
/// a wrong digest or a full disk leaves the previous file untouched.
/// </summary>
public sealed class ModelDownloader(HttpClient http)
{
    public async Task<DownloadOutcome> DownloadAsync(string directory, ModelFileSource source, bool force, CancellationToken ct)
    {
        var target = System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, source.Path));
        var root = System.IO.Path.GetFullPath(directory) + System.IO.Path.DirectorySeparatorChar;
        if (!target.StartsWith(root, StringComparison.Ordinal))
        {
            return new DownloadOutcome(source.Path, DownloadStatus.Failed, null, 0, "The path leaves the models directory.");
        }
        var pinned = source.Sha256.Trim().ToLowerInvariant();
        if (!force && File.Exists(target))
        {
            var existing = await HashFileAsync(target, ct);
            if (pinned.Length == 0 || existing == pinned)
            {
                return new DownloadOutcome(source.Path, DownloadStatus.AlreadyPresent, existing, new FileInfo(target).Length);
            }
        }
        if (!Uri.TryCreate(source.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            return new DownloadOutcome(source.Path, DownloadStatus.Failed, null, 0, $"Not an http(s) URL: '{source.Url}'.");
        }
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        var temporary = $"{target}.{Guid.NewGuid():N}.partial";
        try
        {
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode)
            {
                return new DownloadOutcome(source.Path, DownloadStatus.Failed, null, 0, $"HTTP {(int)response.StatusCode} from {uri.Host}.");
            }
            var expectedLength = response.Content.Headers.ContentLength;
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long written = 0;
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            await using (var body = await response.Content.ReadAsStreamAsync(ct))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await body.ReadAsync(buffer, ct)) > 0)
                {
                    sha.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                    written += read;
                }
                await file.FlushAsync(ct);
                file.Flush(flushToDisk: true);
            }
            var digest = Convert.ToHexStringLower(sha.GetHashAndReset());
            if (expectedLength is { } length && length != written)
            {
                return Fail($"The download ended after {written} of {length} bytes.");
            }
            if (pinned.Length > 0 && digest != pinned)
            {
                return Fail($"SHA-256 mismatch: got {digest}, expected {pinned}.", digest);
            }
            File.Move(temporary, target, overwrite: true);
            return new DownloadOutcome(source.Path, DownloadStatus.Downloaded, digest, written);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return Fail($"The download failed: {ex.Message}");
        }
        finally
        {
            File.Delete(temporary);
        }

        DownloadOutcome Fail(string error, string? digest = null) => new(source.Path, DownloadStatus.Failed, digest, 0, error);
    }

    public static async Task<string> HashFileAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }
}
