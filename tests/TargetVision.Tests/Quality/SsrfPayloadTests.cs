using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TargetVision.Api.Integrations.SmugMug;
using TargetVision.Tests.SmugMug;
using Xunit.Abstractions;

namespace TargetVision.Tests.Quality;

/// <summary>A loopback TCP listener that counts connections: the proof that a refused fetch never left the app.</summary>
public sealed class Canary : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly TcpListener? listener6;
    private int connections;

    public Canary()
    {
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _ = AcceptAsync(listener);
        try
        {
            // The same port on ::1 too, so a request that goes out over IPv6 is counted as well.
            listener6 = new TcpListener(IPAddress.IPv6Loopback, Port);
            listener6.Start();
            _ = AcceptAsync(listener6);
        }
        catch (SocketException)
        {
            listener6 = null;
        }
    }

    public int Port { get; }

    public int Connections => Volatile.Read(ref connections);

    private async Task AcceptAsync(TcpListener l)
    {
        try
        {
            while (true)
            {
                using var client = await l.AcceptTcpClientAsync();
                Interlocked.Increment(ref connections);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener6?.Stop();
    }
}

/// <summary>
/// SSRF: every way a URL could point the backend somewhere else, against the one place that downloads by URL
/// (<see cref="SafeImageFetcher"/>, behind the image proxy, thumbnails, covers, originals and ZIPs). Model download
/// URLs (Visual) and the AI and SmugMug API base URLs are configuration only — no route lets a user set them.
/// </summary>
public sealed class SsrfPayloadTests(SmugMugFixture fixture, ITestOutputHelper output) : IClassFixture<SmugMugFixture>
{
    /// <summary>Refused by the production policy (https, photos.smugmug.com only). {c} is the canary port.</summary>
    public static readonly string[] Payloads =
    [
        // other hosts and lookalikes
        "https://evil.com/x.jpg",
        "https://photos.smugmug.com.evil.com/x.jpg",
        "https://evilphotos.smugmug.com/x.jpg",
        "https://photos.smugmug.co/x.jpg",
        "https://photos-smugmug.com/x.jpg",
        "https://api.smugmug.com/x.jpg",
        "https://phоtos.smugmug.com/x.jpg", // Cyrillic о
        "https://xn--phtos-5ve.smugmug.com/x.jpg",
        "https://ｅｖｉｌ.com/x.jpg", // fullwidth: IDNA maps it to evil.com
        "https://photos.smugmug.com。evil.com/x.jpg", // ideographic full stop
        "https://photos.smugmug.com%2eevil.com/x.jpg",
        // userinfo, backslash and delimiter tricks
        "https://photos.smugmug.com@evil.com/x.jpg",
        "https://evil.com@photos.smugmug.com/x.jpg",
        "https://user:pass@photos.smugmug.com/x.jpg",
        "https://photos.smugmug.com%40evil.com/x.jpg",
        "https://photos.smugmug.com\\@evil.com/x.jpg",
        "https://evil.com\\photos.smugmug.com/x.jpg",
        "https://evil.com#@photos.smugmug.com/x.jpg",
        "https://evil.com?@photos.smugmug.com/x.jpg",
        "https://photos.smugmug.com\t.evil.com/x.jpg",
        "https://photos.smugmug.com%00.evil.com/x.jpg",
        "//photos.smugmug.com/x.jpg",
        "/photos/x.jpg",
        // trailing dots
        "https://localhost./x.jpg",
        "https://127.0.0.1./x.jpg",
        "https://photos.smugmug.com.evil.com./x.jpg",
        // IP literals in every spelling
        "https://127.0.0.1/x.jpg",
        "https://127.1/x.jpg",
        "https://0/x.jpg",
        "https://0.0.0.0/x.jpg",
        "https://2130706433/x.jpg",
        "https://017700000001/x.jpg",
        "https://0177.0.0.01/x.jpg",
        "https://0x7f000001/x.jpg",
        "https://0x7f.0x0.0x0.0x1/x.jpg",
        "https://10.0.0.1/x.jpg",
        "https://192.168.0.1/x.jpg",
        "https://100.64.0.1/x.jpg",
        "https://169.254.169.254/latest/meta-data/",
        "https://metadata.google.internal/computeMetadata/v1/",
        "https://[::1]/x.jpg",
        "https://[::]/x.jpg",
        "https://[::ffff:127.0.0.1]/x.jpg",
        "https://[::ffff:7f00:1]/x.jpg",
        "https://[::127.0.0.1]/x.jpg",
        "https://[2002:7f00:1::]/x.jpg", // 6to4 of 127.0.0.1
        "https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/x.jpg", // Teredo, client 127.0.0.1
        "https://[64:ff9b::7f00:1]/x.jpg",
        "https://[fe80::1%25eth0]/x.jpg",
        "https://[fd00:ec2::254]/latest/meta-data/",
        // other schemes and ports
        "http://photos.smugmug.com/x.jpg",
        "https://photos.smugmug.com:22/x.jpg",
        "file:///etc/passwd",
        "gopher://photos.smugmug.com/_x",
        "ftp://photos.smugmug.com/x.jpg",
        "dict://127.0.0.1:6379/info",
        "ldap://127.0.0.1/",
        "data:image/svg+xml,<svg onload=alert(1)>",
        "javascript:alert(1)",
        "jar:https://photos.smugmug.com/x.jar!/",
        // the canary itself, on loopback
        "http://127.0.0.1:{c}/x.jpg",
        "http://localhost:{c}/x.jpg",
        "https://localhost:{c}/x.jpg",
        "http://[::1]:{c}/x.jpg",
    ];

    /// <summary>Addresses a name may resolve to that lead inside: refused at connect time.</summary>
    public static readonly string[] InternalAddresses =
    [
        "127.0.0.1", "10.0.0.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "255.255.255.255", "198.18.0.1",
        "::1", "::", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::127.0.0.1", "::ffff:0:127.0.0.1",
        "2002:7f00:1::", "2002:a9fe:a9fe::1", "2002:0a00:0001::",
        "2001:0:4136:e378:8000:63bf:80ff:fffe", "2001::1",
        "64:ff9b::7f00:1", "64:ff9b:1::a00:1", "fe80::1", "fc00::1", "fd00:ec2::254", "ff02::1", "100::1",
    ];

    private static ImageUrlPolicy Production() => new(Options.Create(new SmugMugOptions()));

    [Fact]
    public void At_least_forty_payloads_are_refused_by_the_production_policy()
    {
        using var canary = new Canary();
        var allowed = Payloads.Select(p => p.Replace("{c}", canary.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
            .Where(p => Production().TryValidate(p, out _, out _)).ToList();
        Assert.True(Payloads.Length >= 40, $"{Payloads.Length} payloads");
        Assert.True(allowed.Count == 0, "allowed: " + string.Join(", ", allowed));
        QualityReport.Write("ssrf-policy", $"ssrf: {Payloads.Length} URL payloads, {allowed.Count} allowed by the production policy; {InternalAddresses.Length} internal addresses", allowed);
    }

    [Fact]
    public void Internal_addresses_including_6to4_teredo_and_ipv4_compatible_forms_are_refused_at_connect_time()
    {
        var allowed = InternalAddresses.Where(a => Production().IsAllowedAddress(IPAddress.Parse(a))).ToList();
        Assert.True(allowed.Count == 0, "allowed: " + string.Join(", ", allowed));
        // Public addresses in the same notations stay reachable.
        foreach (var address in new[] { "8.8.8.8", "2606:4700::1111", "2002:0808:0808::1", "::ffff:8.8.8.8" })
        {
            Assert.True(Production().IsAllowedAddress(IPAddress.Parse(address)), address);
        }
    }

    /// <summary>
    /// Each payload stored as a synced photo's URL (what a hostile SmugMug answer would leave in the database), then
    /// the photo's image requested through the API: refused, never a connection to the canary.
    /// </summary>
    [Fact]
    public async Task Stored_hostile_urls_are_refused_by_the_image_proxy_without_a_connection()
    {
        using var canary = new Canary();
        using var session = await fixture.OwnerSessionAsync();
        await SyncWaiter.SyncAsync(session, new { scope = "album", albumKey = fixture.Fake.Library.FindAlbumByName("Sunsets")!.AlbumKey }, fixture.Database);
        var photoId = await fixture.Database.ScalarAsync<int>("SELECT max(id) FROM photos");
        var port = canary.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var fake = new Uri(fixture.Smug.BaseUrl);
        // In the test the fake's own host:port is allowed (http, loopback); everything else must still be refused.
        var payloads = Payloads.Select(p => p.Replace("{c}", port, StringComparison.Ordinal))
            .Concat([
                $"http://{fake.Authority}@127.0.0.1:{port}/x.jpg",
                $"http://127.0.0.1:{port}\\@{fake.Authority}/x.jpg",
                $"http://{fake.Host}:{port}/x.jpg",
                $"http://{fake.Host}.:{port}/x.jpg",
                $"http://2130706433:{port}/x.jpg",
                $"http://0x7f000001:{port}/x.jpg",
                $"http://[::ffff:127.0.0.1]:{port}/x.jpg",
            ]).ToList();
        var failures = new List<string>();
        var n = 0;
        foreach (var payload in payloads)
        {
            n++;
            await fixture.Database.ScalarAsync<int>(
                "UPDATE photos SET image_key = @k, size_url_template = @u, usable_sizes = ARRAY['X3','S','Th','O'] WHERE id = @id RETURNING id",
                ("k", $"ssrf{n}"), ("u", payload), ("id", photoId));
            foreach (var route in new[] { $"/api/photos/{photoId}/image?size=X3", $"/api/photos/{photoId}/original" })
            {
                using var response = await session.Client.GetAsync(new Uri(route, UriKind.Relative));
                var status = (int)response.StatusCode;
                if (status == 200 || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    failures.Add($"{payload} via {route} → {status} {response.Content.Headers.ContentType}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(0, canary.Connections);
        output.WriteLine($"{payloads.Count} stored payloads × 2 routes refused, canary connections: {canary.Connections}");
        QualityReport.Write("ssrf-proxy", $"ssrf: {payloads.Count} stored hostile URLs × 2 image routes refused, {canary.Connections} connections reached the canary", failures);
    }

    [Theory]
    [InlineData("http://127.0.0.1:{c}/x.jpg")]
    [InlineData("http://localhost:{c}/x.jpg")]
    [InlineData("http://[::1]:{c}/x.jpg")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://2130706433:{c}/x.jpg")]
    [InlineData("https://evil.com/x.jpg")]
    [InlineData("ftp://localhost:{c}/x.jpg")]
    public async Task Redirects_from_the_photo_host_to_internal_targets_are_refused_without_a_connection(string location)
    {
        using var canary = new Canary();
        var image = fixture.Fake.Library.FindAlbumByName("Sunsets")!.Images[1];
        var path = $"/photos/i-{image.ImageKey}/{image.Serial}/Th/i-{image.ImageKey}-Th.jpg";
        fixture.Fake.Faults.RedirectOnce(path, location.Replace("{c}", canary.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var fetcher = scope.ServiceProvider.GetRequiredService<SafeImageFetcher>();
        await Assert.ThrowsAsync<ImageUrlRefusedException>(() => fetcher.FetchAsync(fixture.Smug.BaseUrl + path, null, default));
        Assert.Equal(0, canary.Connections);
    }

    /// <summary>
    /// Rebinding with the real resolver: a name that passes the allow-list but resolves (through the system resolver,
    /// /etc/hosts here) to loopback is refused when the connection is made, because the connect callback resolves the
    /// name itself and connects only to an address it checked. The positive control proves the canary would notice.
    /// </summary>
    [Fact]
    public async Task A_listed_name_resolving_to_loopback_is_refused_at_connect_time_with_the_real_resolver()
    {
        using var canary = new Canary();
        var listed = new SmugMugOptions { AllowedImageHosts = [$"localhost:{canary.Port}"] };
        var production = new ImageUrlPolicy(Options.Create(listed));
        var url = $"https://localhost:{canary.Port}/photos/x.jpg";
        Assert.True(production.TryValidate(url, out _, out _), "the name itself is on the allow-list");
        var resolved = await Dns.GetHostAddressesAsync("localhost");
        Assert.Contains(resolved, IPAddress.IsLoopback);

        using var client = new HttpClient(new SocketsHttpHandler { ConnectCallback = production.ConnectAsync });
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri(url)));
        Assert.Contains("non-public", refused.Message + refused.InnerException?.Message, StringComparison.Ordinal);
        Assert.Equal(0, canary.Connections);

        // The machine's own name resolves through the same resolver to a loopback or private address: refused too.
        var own = Dns.GetHostName();
        var ownPolicy = new ImageUrlPolicy(Options.Create(new SmugMugOptions { AllowedImageHosts = [$"{own}:{canary.Port}"] }));
        using var ownClient = new HttpClient(new SocketsHttpHandler { ConnectCallback = ownPolicy.ConnectAsync });
        if ((await Dns.GetHostAddressesAsync(own)).All(a => !ownPolicy.IsAllowedAddress(a)))
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => ownClient.GetAsync(new Uri($"https://{own}:{canary.Port}/x.jpg")));
        }
        Assert.Equal(0, canary.Connections);

        // Positive control: with loopback allowed (the demo/test mode) the same path does reach the canary.
        var insecure = new ImageUrlPolicy(Options.Create(new SmugMugOptions { AllowInsecureHosts = true, AllowedImageHosts = [$"localhost:{canary.Port}"] }));
        using var control = new HttpClient(new SocketsHttpHandler { ConnectCallback = insecure.ConnectAsync }) { Timeout = TimeSpan.FromSeconds(5) };
        await Assert.ThrowsAnyAsync<Exception>(() => control.GetAsync(new Uri($"http://localhost:{canary.Port}/x.jpg")));
        Assert.True(canary.Connections > 0, "the canary saw no connection from the allowed control request");
    }

    [Theory]
    [InlineData("@evil.com/x")]
    [InlineData("//evil.com/x")]
    [InlineData("/api/v2@evil.com/x")]
    [InlineData(".evil.com/x")]
    [InlineData("!authuser")]
    public void SmugMug_api_uris_from_responses_stay_on_the_configured_api_host(string path)
    {
        using var scope = fixture.App.Services.CreateScope();
        var client = scope.ServiceProvider.GetRequiredService<SmugMugClient>();
        var uri = client.BuildUri(path, []);
        Assert.Equal(new Uri(fixture.Smug.BaseUrl).Authority, uri.Authority);
    }
}
