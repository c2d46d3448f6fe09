using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TargetVision.Testing;

/// <summary>
/// The backend as a separate operating-system process (the built TargetVision.Api.dll), for tests that must kill a
/// replica for real — no graceful shutdown, no drain, leases simply stop being renewed.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;

    private AppProcess(Process process, Uri baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public int ProcessId => process.Id;

    /// <summary>Starts the app with the given configuration keys (passed as environment variables) and waits until ready.</summary>
    public static async Task<AppProcess> StartAsync(IDictionary<string, string?> settings, TimeSpan? timeout = null)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet", [ApiAssembly()])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(ApiAssembly())!,
        };
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the app process");
        // Drain the pipes so a chatty process never blocks on a full buffer.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var client = new HttpClient { BaseAddress = app.BaseUrl, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the app process exited with code {process.ExitCode} before it was ready");
            }
            try
            {
                using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return app;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
            if (DateTime.UtcNow > deadline)
            {
                await app.DisposeAsync();
                throw new TimeoutException("the app process did not become ready");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>An API session against this process (cookies and antiforgery header like the SPA).</summary>
    public ApiSession CreateSession() =>
        new(new HttpClient(new SessionHandler { InnerHandler = new HttpClientHandler { UseCookies = false } }) { BaseAddress = BaseUrl });

    /// <summary>SIGKILL: the process gets no chance to finish or hand back anything.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit(10_000);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            Kill();
        }
        await Task.CompletedTask;
        process.Dispose();
    }

    /// <summary>The API's own build output, for the configuration the tests were built with.</summary>
    private static string ApiAssembly()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(RepositoryPaths.Root, "src", "TargetVision.Api", "bin", configuration, "net10.0", "TargetVision.Api.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first: the API assembly was not found", path);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
