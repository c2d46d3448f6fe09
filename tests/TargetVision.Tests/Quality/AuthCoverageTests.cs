using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace TargetVision.Tests.Quality;

public sealed class AuthCoverageFixture : AppFixture;

/// <summary>
/// Every endpoint the app maps (read from its EndpointDataSource, so a new route is covered the day it is added):
/// no session → 401, no antiforgery header on a state change → 400, and a session cookie kept after logout → 401.
/// </summary>
public sealed partial class AuthCoverageTests(AuthCoverageFixture fixture, ITestOutputHelper output) : IClassFixture<AuthCoverageFixture>
{
    /// <summary>
    /// The routes documented as public (docs/architecture.md "Everything is private by default"; /metrics in
    /// docs/configuration.md, scraped on the backend port and never proxied by nginx; the SPA shell for client routes).
    /// </summary>
    private static readonly HashSet<string> DocumentedPublic =
    [
        "/health/live", "/health/ready",
        "/api/auth/status", "/api/auth/setup", "/api/auth/login",
        "/api/smugmug/oauth/callback",
        "/metrics",
        "{**path}",
    ];

    private static readonly string[] StateChanging = ["POST", "PUT", "PATCH", "DELETE"];

    private List<(string Pattern, string Method, bool Anonymous, string Path)> Endpoints()
    {
        var source = fixture.App.Services.GetRequiredService<EndpointDataSource>();
        var list = new List<(string, string, bool, string)>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText ?? "";
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } m ? m : ["GET"];
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            foreach (var method in methods.Where(x => x != "HEAD" && x != "OPTIONS"))
            {
                list.Add((pattern.StartsWith('/') ? pattern : "/" + pattern, method, anonymous, Concrete(pattern)));
            }
        }
        return list.DistinctBy(e => (e.Item1, e.Item2)).ToList();
    }

    /// <summary>A path that matches the route template: ids of the right type, anything for strings.</summary>
    private static string Concrete(string pattern)
    {
        var path = Parameter().Replace(pattern, m => m.Groups["constraint"].Value switch
        {
            var c when c.Contains("int", StringComparison.Ordinal) || c.Contains("long", StringComparison.Ordinal) => "1",
            var c when c.Contains("guid", StringComparison.Ordinal) => Guid.NewGuid().ToString(),
            _ => m.Groups["catchall"].Success ? "some/client/route" : "x",
        });
        return path.StartsWith('/') ? path : "/" + path;
    }

    [GeneratedRegex(@"\{(?<catchall>\*\*?)?(?<name>\w+)(?<constraint>(:[^}]+)?)\??\}")]
    private static partial Regex Parameter();

    [Fact]
    public void Only_the_documented_routes_are_public()
    {
        var endpoints = Endpoints();
        Assert.True(endpoints.Count >= 60, $"only {endpoints.Count} endpoints found");
        var anonymous = endpoints.Where(e => e.Anonymous).Select(e => e.Pattern.Replace("{**path}", "", StringComparison.Ordinal).TrimEnd('/') is { Length: 0 } ? "{**path}" : e.Pattern).ToHashSet();
        output.WriteLine($"{endpoints.Count} endpoints; public: {string.Join(", ", anonymous.Order())}");
        // The API reference page itself needs a session; its script and icon are static files without data.
        var undocumented = anonymous.Except(DocumentedPublic)
            .Where(p => !(p.StartsWith("/api/docs/", StringComparison.Ordinal) && Path.GetExtension(p) is ".js" or ".svg" or ".css"))
            .ToList();
        Assert.True(undocumented.Count == 0, "public but not documented as public: " + string.Join(", ", undocumented));
    }

    [Fact]
    public async Task Every_private_route_answers_401_problem_without_a_session()
    {
        using var client = fixture.App.CreateClient();
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var (pattern, method, anonymous, path) in Endpoints().Where(e => !e.Anonymous))
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
            if (method != "GET" && method != "DELETE")
            {
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            }
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            checkedCount++;
            if (response.StatusCode != HttpStatusCode.Unauthorized || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"{method} {pattern} → {(int)response.StatusCode} {response.Content.Headers.ContentType}");
            }
        }
        output.WriteLine($"{checkedCount} private endpoint methods checked without a session");
        QualityReport.Write("auth-no-session", $"auth: {checkedCount} private endpoint methods without a session, {failures.Count} not 401", failures);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_state_change_without_the_antiforgery_header_is_refused_with_400()
    {
        // A signed-in session's cookies, then no X-XSRF-TOKEN header: what a cross-site form post looks like.
        var handler = new SessionHandler();
        using var forged = fixture.App.CreateDefaultClient(handler);
        await new ApiSession(forged).SignInAsOwnerAsync();
        handler.SendAntiforgeryHeader = false;

        var failures = new List<string>();
        var checkedCount = 0;
        // /mcp is authenticated by a bearer token, never by the cookie, so a cross-site request carries no credential.
        foreach (var (pattern, method, _, path) in Endpoints().Where(e => StateChanging.Contains(e.Method) && !e.Pattern.StartsWith("/mcp", StringComparison.Ordinal)))
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            using var response = await forged.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            checkedCount++;
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.BadRequest || !body.Contains("ntiforgery", StringComparison.Ordinal))
            {
                failures.Add($"{method} {pattern} → {(int)response.StatusCode} {(body.Length > 120 ? body[..120] : body)}");
            }
        }
        // The session is still valid: a refused logout did not log out.
        using var me = await forged.GetAsync(new Uri("/api/auth/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        output.WriteLine($"{checkedCount} state-changing endpoint methods checked without the antiforgery header");
        QualityReport.Write("auth-antiforgery", $"auth: {checkedCount} state-changing endpoint methods without the antiforgery header, {failures.Count} not 400", failures);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_session_cookie_captured_before_logout_is_refused_after_it()
    {
        var handler = new SessionHandler();
        using var client = fixture.App.CreateDefaultClient(handler);
        var session = new ApiSession(client);
        await session.SignInAsOwnerAsync();
        // What an attacker who copied the cookie holds: the raw Cookie header of the signed-in browser.
        var captured = handler.Cookies.GetCookieHeader(fixture.App.Server.BaseAddress);
        Assert.Contains("tv_session=", captured, StringComparison.Ordinal);

        using var logout = await session.PostAsync("/api/auth/logout", null);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        using var replay = fixture.App.CreateClient();
        foreach (var path in new[] { "/api/auth/me", "/api/settings" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            request.Headers.Add("Cookie", captured);
            using var response = await replay.SendAsync(request);
            await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized);
        }
    }
}
