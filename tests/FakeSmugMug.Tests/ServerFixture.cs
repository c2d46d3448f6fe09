using System.Text.Json;
using FakeSmugMug.Seeds;

namespace FakeSmugMug.Tests;

/// <summary>One fake per test class, with an HTTP client that never follows redirects (as an OAuth client must not).</summary>
public class ServerFixture : IAsyncLifetime
{
    public FakeSmugMugServer Server { get; private set; } = null!;
    public HttpClient Http { get; } = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    protected virtual FakeSmugMugOptions CreateOptions() => new() { Library = LibrarySeeds.Small() };

    public async Task InitializeAsync() => Server = await FakeSmugMugServer.StartAsync(CreateOptions());

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    internal TestSigner Signer(bool withToken = true, OAuth.PermissionLevel permissions = OAuth.PermissionLevel.Modify)
    {
        var signer = new TestSigner(Server.ConsumerKey, Server.ConsumerSecret);
        if (withToken)
        {
            var token = Server.IssueAccessToken(OAuth.AccessLevel.Full, permissions);
            signer.Token = token.Token;
            signer.TokenSecret = token.Secret;
        }

        return signer;
    }

    internal async Task<(HttpResponseMessage Response, JsonElement Body)> GetJsonAsync(string pathAndQuery, TestSigner? signer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery.StartsWith("http", StringComparison.Ordinal) ? pathAndQuery : Server.BaseUrl + pathAndQuery);
        request.Headers.Accept.ParseAdd("application/json");
        (signer ?? Signer()).Sign(request);
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response, body);
    }
}

public sealed class GeneratedLibraryFixture : ServerFixture
{
    protected override FakeSmugMugOptions CreateOptions() => new()
    {
        Library = LibraryGenerator.Generate(new LibraryGeneratorOptions { Seed = 7, TotalPhotos = 3_000, AlbumCount = 140, WideFolderChildren = 130 }),
    };
}
