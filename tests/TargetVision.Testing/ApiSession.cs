using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TargetVision.Testing;

/// <summary>A signed-in (or not) API client for integration tests.</summary>
public sealed class ApiSession(HttpClient client, SessionHandler? handler = null) : IDisposable
{
    /// <summary>The cookie jar of this session, when it was created with one (to copy or replay its cookies).</summary>
    public SessionHandler? Handler { get; } = handler;

    public const string OwnerEmail = "owner@example.com";
    public const string OwnerPassword = "correct horse battery";

    public HttpClient Client { get; } = client;

    /// <summary>Fetches the antiforgery cookie (GET /api/auth/status), as the SPA does on load.</summary>
    public async Task<JsonElement> StatusAsync() => await GetJsonAsync("/api/auth/status");

    public async Task SetupOwnerAsync(string email = OwnerEmail, string password = OwnerPassword)
    {
        await StatusAsync();
        using var response = await Client.PostAsJsonAsync("/api/auth/setup", new { email, password });
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Setup failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Signs in as the test owner, creating the account on first use (as the setup page does).</summary>
    public async Task SignInAsOwnerAsync()
    {
        var status = await StatusAsync();
        if (status.GetProperty("setupRequired").GetBoolean())
        {
            await SetupOwnerAsync();
            return;
        }
        using var login = await LoginAsync();
        await EnsureSuccess(login);
    }

    public async Task<HttpResponseMessage> LoginAsync(string email = OwnerEmail, string password = OwnerPassword)
    {
        await StatusAsync();
        return await Client.PostAsJsonAsync("/api/auth/login", new { email, password });
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        await EnsureSuccess(response);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public Task<HttpResponseMessage> PostAsync(string path, object? body) => Client.PostAsJsonAsync(path, body);

    public Task<HttpResponseMessage> PutAsync(string path, object? body) => Client.PutAsJsonAsync(path, body);

    public Task<HttpResponseMessage> DeleteAsync(string path) => Client.DeleteAsync(new Uri(path, UriKind.Relative));

    public static async Task EnsureSuccess(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public void Dispose() => Client.Dispose();
}
