using System.Net;
using System.Text.RegularExpressions;

namespace FakeSmugMug.Tests;

public sealed class OAuthFlowTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Full_three_legged_flow_yields_a_working_access_token()
    {
        var signer = fx.Signer(withToken: false);
        using var rtRequest = new HttpRequestMessage(HttpMethod.Get, fx.Server.RequestTokenUrl);
        signer.Sign(rtRequest, new Dictionary<string, string> { ["oauth_callback"] = "http://app.test/callback?x=1" });
        using var rtResponse = await fx.Http.SendAsync(rtRequest);
        var rtBody = await rtResponse.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, rtResponse.StatusCode);
        var rt = Form(rtBody);
        Assert.Equal("true", rt["oauth_callback_confirmed"]);

        var page = await fx.Http.GetStringAsync($"{fx.Server.AuthorizeUrl}?oauth_token={rt["oauth_token"]}&Access=Full&Permissions=Modify");
        Assert.Contains("id=\"approve\"", page, StringComparison.Ordinal);

        using var approve = await fx.Http.PostAsync(fx.Server.AuthorizeUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["oauth_token"] = rt["oauth_token"],
            ["Access"] = "Full",
            ["Permissions"] = "Modify",
            ["decision"] = "approve",
        }));
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        var location = approve.Headers.Location!.ToString();
        Assert.StartsWith("http://app.test/callback?x=1&oauth_token=", location, StringComparison.Ordinal);
        var verifier = Regex.Match(location, "oauth_verifier=([^&]+)").Groups[1].Value;

        signer.Token = rt["oauth_token"];
        signer.TokenSecret = rt["oauth_token_secret"];
        using var atRequest = new HttpRequestMessage(HttpMethod.Get, fx.Server.AccessTokenUrl);
        signer.Sign(atRequest, new Dictionary<string, string> { ["oauth_verifier"] = verifier });
        using var atResponse = await fx.Http.SendAsync(atRequest);
        Assert.Equal(HttpStatusCode.OK, atResponse.StatusCode);
        var at = Form(await atResponse.Content.ReadAsStringAsync());

        // The request token is single use.
        using var again = new HttpRequestMessage(HttpMethod.Get, fx.Server.AccessTokenUrl);
        signer.Sign(again, new Dictionary<string, string> { ["oauth_verifier"] = verifier });
        Assert.Equal(HttpStatusCode.Unauthorized, (await fx.Http.SendAsync(again)).StatusCode);

        signer.Token = at["oauth_token"];
        signer.TokenSecret = at["oauth_token_secret"];
        var (response, body) = await fx.GetJsonAsync("/api/v2!authuser", signer);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("testuser", body.GetProperty("Response").GetProperty("User").GetProperty("NickName").GetString());
        Assert.Equal(OAuth.PermissionLevel.Modify, fx.Server.Tokens.FindAccessToken(at["oauth_token"])!.Grant.Permissions);
    }

    [Fact]
    public async Task Request_token_needs_a_callback()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, fx.Server.RequestTokenUrl);
        fx.Signer(withToken: false).Sign(request);
        Assert.Equal(HttpStatusCode.BadRequest, (await fx.Http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Bad_signature_is_rejected()
    {
        var signer = fx.Signer();
        signer.TokenSecret = "wrong";
        var (response, body) = await fx.GetJsonAsync("/api/v2!authuser", signer);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(401, body.GetProperty("Code").GetInt32());
        Assert.Contains("signature_invalid", body.GetProperty("Message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stale_timestamp_is_rejected()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, fx.Server.ApiBaseUrl + "!authuser");
        fx.Signer().Sign(request, timestamp: DateTimeOffset.UtcNow.AddMinutes(-6).ToUnixTimeSeconds());
        using var response = await fx.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("timestamp_refused", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reused_nonce_is_rejected()
    {
        var signer = fx.Signer();
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var first = new HttpRequestMessage(HttpMethod.Get, fx.Server.ApiBaseUrl + "!authuser");
        signer.Sign(first, nonce: "same-nonce", timestamp: ts);
        Assert.Equal(HttpStatusCode.OK, (await fx.Http.SendAsync(first)).StatusCode);
        using var second = new HttpRequestMessage(HttpMethod.Get, fx.Server.ApiBaseUrl + "!authuser");
        signer.Sign(second, nonce: "same-nonce", timestamp: ts);
        using var response = await fx.Http.SendAsync(second);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("nonce_used", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_token_and_unsigned_requests_are_rejected()
    {
        var signer = fx.Signer();
        signer.Token = "not-a-token";
        Assert.Equal(HttpStatusCode.Unauthorized, (await fx.GetJsonAsync("/api/v2!authuser", signer)).Response.StatusCode);
        using var unsigned = await fx.Http.GetAsync(fx.Server.ApiBaseUrl + "!authuser");
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
    }

    [Fact]
    public async Task Query_parameters_with_commas_are_part_of_the_signature()
    {
        var album = fx.Server.Library.FindAlbumByName("Vermont 2019")!;
        var (response, _) = await fx.GetJsonAsync($"/api/v2/album/{album.AlbumKey}!images?_expand=ImageSizeDetails,LargestImage&count=2");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Dictionary<string, string> Form(string body) =>
        body.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
}
