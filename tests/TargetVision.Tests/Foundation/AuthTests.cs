using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TargetVision.Tests.Foundation;

public sealed class AuthFixture : AppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Auth:LoginAttemptsPerMinute"] = "1000" };
}

public sealed class AuthTests(AuthFixture fixture) : IClassFixture<AuthFixture>
{
    [Fact]
    public async Task First_run_requires_setup_then_setup_signs_in_and_cannot_run_twice()
    {
        using var session = await fixture.OwnerSessionAsync();
        var me = await session.GetJsonAsync("/api/auth/me");
        Assert.Equal(ApiSession.OwnerEmail, me.GetProperty("email").GetString());

        using var other = fixture.App.CreateSession();
        var status = await other.StatusAsync();
        Assert.False(status.GetProperty("setupRequired").GetBoolean());
        Assert.False(status.GetProperty("authenticated").GetBoolean());
        using var second = await other.PostAsync("/api/auth/setup", new { email = "intruder@example.com", password = "another long password" });
        await ProblemAssert.IsProblem(second, HttpStatusCode.Conflict);
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM owners"));
    }

    [Fact]
    public async Task Wrong_password_and_unknown_user_get_the_same_answer()
    {
        using var owner = await fixture.OwnerSessionAsync();
        using var session = fixture.App.CreateSession();
        using var wrongPassword = await session.LoginAsync(ApiSession.OwnerEmail, "not the password at all");
        using var unknownUser = await session.LoginAsync("nobody@example.com", "not the password at all");
        var a = await ProblemAssert.IsProblem(wrongPassword, HttpStatusCode.Unauthorized);
        var b = await ProblemAssert.IsProblem(unknownUser, HttpStatusCode.Unauthorized);
        Assert.Equal(a.GetProperty("title").GetString(), b.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Session_cookie_is_httponly_and_samesite_lax_and_logout_ends_it()
    {
        using var owner = await fixture.OwnerSessionAsync();
        using var session = fixture.App.CreateSession();
        await session.StatusAsync();
        using var login = await session.Client.PostAsJsonAsync("/api/auth/login", new { email = ApiSession.OwnerEmail, password = ApiSession.OwnerPassword });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var sessionCookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("tv_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", sessionCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", sessionCookie, StringComparison.OrdinalIgnoreCase);

        using var logout = await session.PostAsync("/api/auth/logout", null);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        using var me = await session.Client.GetAsync(new Uri("/api/auth/me", UriKind.Relative));
        await ProblemAssert.IsProblem(me, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task State_changing_requests_without_the_antiforgery_header_are_refused()
    {
        using var session = await fixture.OwnerSessionAsync();
        // Same cookies as the signed-in session, but no header: what a cross-site form post would look like.
        var handler = new SessionHandler { SendAntiforgeryHeader = false };
        using var forged = fixture.App.CreateDefaultClient(handler);
        await forged.GetAsync(new Uri("/api/auth/status", UriKind.Relative));
        using var response = await forged.PostAsJsonAsync("/api/auth/login", new { email = ApiSession.OwnerEmail, password = ApiSession.OwnerPassword });
        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
        Assert.Contains("antiforgery", problem.GetProperty("title").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Setup_validates_email_and_password_length_listing_the_fields()
    {
        using var session = fixture.App.CreateSession();
        await session.StatusAsync();
        using var response = await session.PostAsync("/api/auth/setup", new { email = "not-an-email", password = "short" });
        // Either the owner already exists (409, other test ran first) or validation speaks; validation runs first.
        await ProblemAssert.IsValidationProblem(response, "Email", "Password");
    }

    [Theory]
    [InlineData("/api/settings")]
    [InlineData("/api/auth/me")]
    [InlineData("/api/openapi/v1.json")]
    public async Task Protected_routes_answer_401_problem_without_a_session(string path)
    {
        using var client = fixture.App.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task OpenApi_document_lists_the_foundation_routes_for_the_owner()
    {
        using var session = await fixture.OwnerSessionAsync();
        var doc = await session.GetJsonAsync("/api/openapi/v1.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var expected in new[] { "/api/auth/setup", "/api/auth/login", "/api/auth/logout", "/api/auth/me", "/api/settings", "/api/settings/test-key" })
        {
            Assert.Contains(expected, paths);
        }
        using var docs = await session.Client.GetAsync(new Uri("/api/docs/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("text/html", docs.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }
}

public sealed class LoginRateLimitFixture : AppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Auth:LoginAttemptsPerMinute"] = "3" };
}

public sealed class LoginRateLimitTests(LoginRateLimitFixture fixture) : IClassFixture<LoginRateLimitFixture>
{
    [Fact]
    public async Task Repeated_logins_are_rate_limited_with_retry_after()
    {
        using var session = fixture.App.CreateSession();
        await session.StatusAsync();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            last?.Dispose();
            last = await session.PostAsync("/api/auth/login", new { email = "a@example.com", password = "whatever-password" });
            statuses.Add(last.StatusCode);
        }
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        await ProblemAssert.IsProblem(last!, HttpStatusCode.TooManyRequests);
        Assert.True(last!.Headers.RetryAfter is not null);
        last.Dispose();
    }
}

internal static class JsonElementExtensions
{
    public static string? Str(this JsonElement e, string name) => e.GetProperty(name).GetString();
}
