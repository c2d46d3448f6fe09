using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TargetVision.Api.Features.Auth;

namespace TargetVision.Tests.Foundation;

public sealed class HttpsPublicUrlFixture : AppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["App:PublicBaseUrl"] = "https://photos.example.test" };
}

/// <summary>TLS ends at an ingress in front of nginx: a plain-http hop must not strip Secure from the cookies.</summary>
public sealed class SecureCookieTests(HttpsPublicUrlFixture fixture) : IClassFixture<HttpsPublicUrlFixture>
{
    [Fact]
    public async Task With_an_https_public_url_every_cookie_is_secure_even_over_plain_http()
    {
        // A raw client: a cookie jar would (rightly) keep Secure cookies away from an http URL.
        using var client = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var status = await client.GetAsync(new Uri("/api/auth/status", UriKind.Relative));
        var statusCookies = status.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(statusCookies, c => c.StartsWith("XSRF-TOKEN=", StringComparison.Ordinal));
        Assert.Contains(statusCookies, c => c.StartsWith("tv_af=", StringComparison.Ordinal));
        Assert.All(statusCookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));

        var pairs = statusCookies.Select(c => c.Split(';')[0]).ToList();
        using var setup = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/auth/setup", UriKind.Relative))
        {
            Content = JsonContent.Create(new { email = ApiSession.OwnerEmail, password = ApiSession.OwnerPassword }),
        };
        setup.Headers.Add("Cookie", string.Join("; ", pairs));
        setup.Headers.Add("X-XSRF-TOKEN", Uri.UnescapeDataString(pairs.Single(p => p.StartsWith("XSRF-TOKEN=", StringComparison.Ordinal))["XSRF-TOKEN=".Length..]));
        using var created = await client.SendAsync(setup);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var sessionCookie = created.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("tv_session=", StringComparison.Ordinal));
        Assert.Contains("; secure", sessionCookie, StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class PlainHttpFixture : AppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["App:PublicBaseUrl"] = "http://localhost:8080" };
}

public sealed class PlainHttpCookieTests(PlainHttpFixture fixture) : IClassFixture<PlainHttpFixture>
{
    [Fact]
    public async Task A_plain_http_install_keeps_cookies_usable_without_tls()
    {
        using var client = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var status = await client.GetAsync(new Uri("/api/auth/status", UriKind.Relative));
        var cookies = status.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith("XSRF-TOKEN=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.DoesNotContain("; secure", c, StringComparison.OrdinalIgnoreCase));
    }
}

public sealed class AccountThrottleFixture : AppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Auth:LoginFreeFailuresPerAccount"] = "2",
        ["Auth:LoginMaxDelaySeconds"] = "2",
    };
}

/// <summary>The per-account limit slows guessing down but a stranger cannot lock the owner out.</summary>
public sealed class AccountLoginThrottleTests(AccountThrottleFixture fixture) : IClassFixture<AccountThrottleFixture>
{
    [Fact]
    public async Task After_many_wrong_passwords_the_owner_still_signs_in_only_slower()
    {
        using var owner = await fixture.OwnerSessionAsync();
        using var stranger = fixture.App.CreateSession();
        await stranger.StatusAsync();
        for (var i = 0; i < 4; i++)
        {
            using var wrong = await stranger.PostAsync("/api/auth/login", new { email = ApiSession.OwnerEmail, password = "a wrong guess " + i });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        // Four failures with two free: the next attempt waits the capped 2 s, then succeeds with the right password.
        using var session = fixture.App.CreateSession();
        await session.StatusAsync();
        var watch = Stopwatch.StartNew();
        using var login = await session.Client.PostAsJsonAsync("/api/auth/login", new { email = ApiSession.OwnerEmail, password = ApiSession.OwnerPassword });
        watch.Stop();
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1.9), $"login answered after {watch.Elapsed}, expected the 2 s slow-down");

        // The success cleared the account's record: no delay is pending for the next sign-in (checked on the limiter
        // itself; a wall-clock bound would measure the machine's load, not the slow-down).
        var throttle = fixture.App.Services.GetRequiredService<LoginThrottle>();
        Assert.Equal(TimeSpan.Zero, throttle.DelayFor(ApiSession.OwnerEmail));
        using var again = fixture.App.CreateSession();
        await again.StatusAsync();
        using var second = await again.Client.PostAsJsonAsync("/api/auth/login", new { email = ApiSession.OwnerEmail, password = ApiSession.OwnerPassword });
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }
}
