namespace TargetVision.Api.Infrastructure.Commands;

/// <summary>
/// `TargetVision.Api healthcheck`: probes this process's own /health/live so container images need no curl.
/// </summary>
public static class HealthcheckCommand
{
    public static async Task<int> RunAsync()
    {
        var port = Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS")?.Split([';', ','], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()
            ?? PortFromUrls(Environment.GetEnvironmentVariable("ASPNETCORE_URLS"))
            ?? "8080";
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port.Trim()}/health/live"));
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync("healthcheck: " + ex.Message);
            return 1;
        }
    }

    private static string? PortFromUrls(string? urls)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (first is null)
        {
            return null;
        }
        var colon = first.LastIndexOf(':');
        return colon > 0 ? first[(colon + 1)..].TrimEnd('/') : null;
    }
}
