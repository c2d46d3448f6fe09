using System.Net;
using System.Net.Http.Json;

namespace TargetVision.Tests.Security;

public sealed class SessionRevocationFixture : AppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Auth:LoginAttemptsPerMinute"] = "1000" };
}

/// <summary>Issue 15 item 1: sessions end on the server (security stamp), not only in the browser that asked.</summary>
public sealed class SessionRevocationTests(SessionRevocationFixture fixture) : IClassFixture<SessionRevocationFixture>
{
    private async Task<HttpResponseMessage> GetWithCookieAsync(string cookieHeader, string path)
    {
        var client = fixture.App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookieHeader);
        return await client.SendAsync(request);
    }

    private static string SessionCookie(ApiSession session) =>
        session.Handler!.Cookies.GetCookieHeader(session.Client.BaseAddress!);

    [Fact]
    public async Task Item1_a_cookie_captured_before_logout_gets_401_afterwards()
    {
        using var session = await fixture.OwnerSessionAsync();
        var captured = SessionCookie(session);
        Assert.Contains("tv_session=", captured, StringComparison.Ordinal);
        using (var before = await GetWithCookieAsync(captured, "/api/auth/me"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var logout = await session.PostAsync("/api/auth/logout", null);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        foreach (var path in new[] { "/api/auth/me", "/api/settings" })
        {
            using var replay = await GetWithCookieAsync(captured, path);
            await ProblemAssert.IsProblem(replay, HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task Item1_sign_out_everywhere_ends_the_other_sessions_and_keeps_this_one()
    {
        using var laptop = await fixture.OwnerSessionAsync();
        using var phone = await fixture.OwnerSessionAsync();
        var phoneCookie = SessionCookie(phone);

        using var everywhere = await laptop.PostAsync("/api/auth/sign-out-everywhere", null);
        Assert.Equal(HttpStatusCode.NoContent, everywhere.StatusCode);

        using (var me = await phone.Client.GetAsync(new Uri("/api/auth/me", UriKind.Relative)))
        {
            await ProblemAssert.IsProblem(me, HttpStatusCode.Unauthorized);
        }
        using (var settings = await GetWithCookieAsync(phoneCookie, "/api/settings"))
        {
            await ProblemAssert.IsProblem(settings, HttpStatusCode.Unauthorized);
        }
        // The session that asked got a fresh cookie and a fresh antiforgery token and carries on.
        Assert.Equal(ApiSession.OwnerEmail, (await laptop.GetJsonAsync("/api/auth/me")).GetProperty("email").GetString());
        await laptop.GetJsonAsync("/api/settings");
        using var stateChange = await laptop.PostAsync("/api/auth/sign-out-everywhere", null);
        Assert.Equal(HttpStatusCode.NoContent, stateChange.StatusCode);
    }

    [Fact]
    public async Task Item1_changing_the_password_ends_the_other_sessions()
    {
        const string newPassword = "an entirely new passphrase";
        using var other = await fixture.OwnerSessionAsync();
        using var session = await fixture.OwnerSessionAsync();

        using (var wrong = await session.PostAsync("/api/auth/password", new { currentPassword = "not my password", newPassword }))
        {
            await ProblemAssert.IsValidationProblem(wrong, "currentPassword");
        }
        using (var tooShort = await session.PostAsync("/api/auth/password", new { currentPassword = ApiSession.OwnerPassword, newPassword = "short" }))
        {
            await ProblemAssert.IsValidationProblem(tooShort, "NewPassword");
        }
        using (var changed = await session.PostAsync("/api/auth/password", new { currentPassword = ApiSession.OwnerPassword, newPassword }))
        {
            Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        }
        try
        {
            using (var me = await other.Client.GetAsync(new Uri("/api/auth/me", UriKind.Relative)))
            {
                await ProblemAssert.IsProblem(me, HttpStatusCode.Unauthorized);
            }
            await session.GetJsonAsync("/api/auth/me");
            using var fresh = fixture.App.CreateSession();
            using var oldLogin = await fresh.LoginAsync(password: ApiSession.OwnerPassword);
            Assert.Equal(HttpStatusCode.Unauthorized, oldLogin.StatusCode);
            using var newLogin = await fresh.LoginAsync(password: newPassword);
            Assert.Equal(HttpStatusCode.OK, newLogin.StatusCode);
        }
        finally
        {
            using var back = await session.PostAsync("/api/auth/password", new { currentPassword = newPassword, newPassword = ApiSession.OwnerPassword });
            Assert.Equal(HttpStatusCode.NoContent, back.StatusCode);
        }
    }

    [Fact]
    public async Task Item1_new_routes_need_a_session_and_the_antiforgery_header()
    {
        using var anonymous = fixture.App.CreateSession();
        await anonymous.StatusAsync();
        foreach (var path in new[] { "/api/auth/sign-out-everywhere", "/api/auth/password" })
        {
            using var response = await anonymous.PostAsync(path, new { currentPassword = "x", newPassword = "y" });
            await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized);
        }
        using var owner = await fixture.OwnerSessionAsync();
        var handler = new SessionHandler { SendAntiforgeryHeader = false };
        foreach (System.Net.Cookie c in owner.Handler!.Cookies.GetAllCookies())
        {
            handler.Cookies.Add(c);
        }
        using var forged = fixture.App.CreateDefaultClient(handler);
        using var refused = await forged.PostAsJsonAsync("/api/auth/sign-out-everywhere", new { });
        await ProblemAssert.IsProblem(refused, HttpStatusCode.BadRequest);
        await owner.GetJsonAsync("/api/auth/me");
    }
}
