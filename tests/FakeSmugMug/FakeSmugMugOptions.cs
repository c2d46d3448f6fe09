using FakeSmugMug.Model;
using FakeSmugMug.Seeds;

namespace FakeSmugMug;

public sealed class FakeSmugMugOptions
{
    /// <summary>Kestrel listen address; port 0 picks a free port.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:0";

    public string ConsumerKey { get; set; } = "demo-key";
    public string ConsumerSecret { get; set; } = "demo-secret";

    /// <summary>The account to serve; <see cref="LibrarySeeds.Small"/> when null.</summary>
    public FakeLibrary? Library { get; set; }

    /// <summary>
    /// Absolute base used in URLs the API hands out (image URLs, templates). When null, each response uses the
    /// scheme and Host of the request, which suits both tests and a container reached by service name.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Added to every request; also adjustable later through <see cref="Hosting.FaultInjector.Latency"/>.</summary>
    public TimeSpan Latency { get; set; }

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Page size when a collection request has no <c>count</c>.</summary>
    public int DefaultPageSize { get; set; } = 10;

    /// <summary>Larger <c>count</c> values are clamped to this.</summary>
    public int MaxPageSize { get; set; } = 100;

    /// <summary>Requests allowed per window before automatic 429s; SmugMug publishes no number, so this is generous.</summary>
    public int RateLimit { get; set; } = 100_000;

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromHours(1);

    public long ImageCacheBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Log each request to the console (standalone mode turns it on).</summary>
    public bool LogRequests { get; set; }
}
