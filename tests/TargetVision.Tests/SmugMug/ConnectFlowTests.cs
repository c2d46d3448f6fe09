using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TargetVision.Tests.SmugMug;

public sealed class UnconnectedSmugMugFixture : SmugMugFixture
{
    protected override bool ConnectOnStart => false;
}

/// <summary>The OAuth flow over HTTP against the fake, the way a browser drives it.</summary>
public class ConnectFlowTests(UnconnectedSmugMugFixture fixture) : IClassFixture<UnconnectedSmugMugFixture>
{
    [Fact]
    public async Task Connect_authorise_callback_then_account_shows_the_nickname()
    {
        using var session = await fixture.OwnerSessionAsync();
        using var response = await session.PostAsync("/api/smugmug/connect", null);
        await ApiSession.EnsureSuccess(response);
        var authorizeUrl = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("authorizeUrl").GetString()!;
        // Read-only by default (ADR 0009): Full access for private galleries, no write permission.
        Assert.Contains("Access=Full&Permissions=Read", authorizeUrl, StringComparison.Ordinal);

        // The owner approves on SmugMug's page: GET it, then submit its form like a browser.
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var page = await browser.GetAsync(new Uri(authorizeUrl));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var requestToken = System.Web.HttpUtility.ParseQueryString(new Uri(authorizeUrl).Query)["oauth_token"]!;
        using var approve = await browser.PostAsync(new Uri(fixture.Smug.BaseUrl + "/services/oauth/1.0a/authorize"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["oauth_token"] = requestToken,
            ["Access"] = "Full",
            ["Permissions"] = "Read",
            ["decision"] = "approve",
        }));
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        var callback = approve.Headers.Location!;
        Assert.Equal("/api/smugmug/oauth/callback", callback.AbsolutePath);

        // Another signed-in browser replaying the callback URL is refused (state bound to the first browser).
        using (var other = await fixture.OwnerSessionAsync())
        using (var stolen = await other.Client.GetAsync(new Uri(callback.PathAndQuery, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Redirect, stolen.StatusCode);
            Assert.StartsWith("/library?smugmug_error=", stolen.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        using var done = await session.Client.GetAsync(new Uri(callback.PathAndQuery, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/library?connected=1", done.Headers.Location!.OriginalString);

        var account = await session.GetJsonAsync("/api/smugmug/account");
        Assert.True(account.GetProperty("connected").GetBoolean());
        Assert.Equal("testuser", account.GetProperty("nickName").GetString());
        Assert.Equal("Full", account.GetProperty("access").GetString());
        Assert.Equal("Read", account.GetProperty("permissions").GetString());
        Assert.False(account.GetProperty("canModify").GetBoolean());
        var stored = await fixture.Database.ScalarAsync<string>("SELECT access_token_encrypted FROM smugmug_accounts");
        Assert.StartsWith("CfDJ8", stored, StringComparison.Ordinal); // Data Protection ciphertext, not the token

        // Single use: the same callback again fails.
        using var replay = await session.Client.GetAsync(new Uri(callback.PathAndQuery, UriKind.Relative));
        Assert.StartsWith("/library?smugmug_error=", replay.Headers.Location!.OriginalString, StringComparison.Ordinal);

        using var disconnect = await session.DeleteAsync("/api/smugmug/account");
        Assert.Equal(HttpStatusCode.NoContent, disconnect.StatusCode);
        Assert.False((await session.GetJsonAsync("/api/smugmug/account")).GetProperty("connected").GetBoolean());
    }

    [Fact]
    public async Task Reconnect_with_modify_asks_smugmug_for_modify_and_the_account_records_it()
    {
        using var session = await fixture.OwnerSessionAsync();
        using (var bad = await session.PostAsync("/api/smugmug/connect", new { permissions = "Admin" }))
        {
            await ProblemAssert.IsValidationProblem(bad, "permissions");
        }
        using var response = await session.PostAsync("/api/smugmug/connect", new { permissions = "modify" });
        await ApiSession.EnsureSuccess(response);
        var authorizeUrl = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("authorizeUrl").GetString()!;
        Assert.Contains("Access=Full&Permissions=Modify", authorizeUrl, StringComparison.Ordinal);

        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var requestToken = System.Web.HttpUtility.ParseQueryString(new Uri(authorizeUrl).Query)["oauth_token"]!;
        using var approve = await browser.PostAsync(new Uri(fixture.Smug.BaseUrl + "/services/oauth/1.0a/authorize"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["oauth_token"] = requestToken,
            ["Access"] = "Full",
            ["Permissions"] = "Modify",
            ["decision"] = "approve",
        }));
        using var done = await session.Client.GetAsync(new Uri(approve.Headers.Location!.PathAndQuery, UriKind.Relative));
        Assert.Equal("/library?connected=1", done.Headers.Location!.OriginalString);

        var account = await session.GetJsonAsync("/api/smugmug/account");
        Assert.Equal("Modify", account.GetProperty("permissions").GetString());
        Assert.True(account.GetProperty("canModify").GetBoolean());
        using var disconnect = await session.DeleteAsync("/api/smugmug/account");
    }

    [Theory]
    [InlineData("GET", "/api/smugmug/account")]
    [InlineData("GET", "/api/smugmug/nodes")]
    [InlineData("GET", "/api/smugmug/albums/abc/photos")]
    [InlineData("GET", "/api/photos/1")]
    [InlineData("GET", "/api/photos/1/original")]
    [InlineData("GET", "/api/cache/status")]
    [InlineData("GET", "/api/library/stats")]
    [InlineData("POST", "/api/smugmug/sync")]
    [InlineData("POST", "/api/smugmug/connect")]
    public async Task Unauthenticated_requests_get_401(string method, string path)
    {
        using var session = fixture.App.CreateSession();
        await session.StatusAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        using var response = await session.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Browsing_before_connecting_answers_the_empty_local_copy_and_says_why()
    {
        using var session = await fixture.OwnerSessionAsync();
        var root = await session.GetJsonAsync("/api/smugmug/nodes");
        Assert.Equal("local", root.GetProperty("source").GetString());
        Assert.Equal("NotConnected", root.GetProperty("liveError").GetProperty("code").GetString());
        Assert.Equal(0, root.GetProperty("children").GetArrayLength());
    }
}
