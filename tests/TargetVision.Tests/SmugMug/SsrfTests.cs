using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TargetVision.Api.Features.SmugMug;
using TargetVision.Api.Integrations.SmugMug;

namespace TargetVision.Tests.SmugMug;

/// <summary>The image guard: what may be fetched, where a connection may go, and redirects.</summary>
public class SsrfTests(SmugMugFixture fixture) : IClassFixture<SmugMugFixture>
{
    private static ImageUrlPolicy Policy(bool insecure = false) =>
        new(Options.Create(new SmugMugOptions { AllowInsecureHosts = insecure }));

    [Theory]
    [InlineData("https://photos.smugmug.com.evil.com/photos/x.jpg")]
    [InlineData("https://evilphotos.smugmug.com/photos/x.jpg")]
    [InlineData("https://evil.com/photos.smugmug.com/x.jpg")]
    [InlineData("https://user@photos.smugmug.com/x.jpg")]
    [InlineData("https://photos.smugmug.com@evil.com/x.jpg")]
    [InlineData("https://user:pass@photos.smugmug.com/x.jpg")]
    [InlineData("https://127.0.0.1/x.jpg")]
    [InlineData("https://[::1]/x.jpg")]
    [InlineData("https://[::ffff:127.0.0.1]/x.jpg")]
    [InlineData("https://2130706433/x.jpg")]
    [InlineData("https://0x7f000001/x.jpg")]
    [InlineData("https://0177.0.0.1/x.jpg")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("http://photos.smugmug.com/x.jpg")]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://photos.smugmug.com/x")]
    [InlineData("ftp://photos.smugmug.com/x.jpg")]
    [InlineData("https://photos.smugmug.com:8443/x.jpg")]
    [InlineData("//photos.smugmug.com/x.jpg")]
    [InlineData("https://photos.smugmug.com\\@evil.com/x.jpg")]
    [InlineData("")]
    public void Refuses(string url) => Assert.False(Policy().TryValidate(url, out _, out _), url);

    [Theory]
    [InlineData("https://photos.smugmug.com/photos/i-abc/0/S/i-abc-S.jpg")]
    [InlineData("https://PHOTOS.SmugMug.com/photos/i-abc/0/S/i-abc-S.jpg")]
    public void Allows_the_photo_host(string url) => Assert.True(Policy().TryValidate(url, out _, out _), url);

    [Fact]
    public void Insecure_mode_still_refuses_ip_literals_and_other_hosts()
    {
        var policy = new ImageUrlPolicy(Options.Create(new SmugMugOptions { AllowInsecureHosts = true, AllowedImageHosts = ["localhost:5100"] }));
        Assert.True(policy.TryValidate("http://localhost:5100/photos/x.jpg", out _, out _));
        Assert.False(policy.TryValidate("http://localhost:5101/photos/x.jpg", out _, out _));
        Assert.False(policy.TryValidate("http://127.0.0.1:5100/photos/x.jpg", out _, out _));
        Assert.False(policy.TryValidate("https://photos.smugmug.com/x.jpg", out _, out _)); // the allow-list replaces the default
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.1.2.3")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("64:ff9b::a00:1")]
    public void Refuses_internal_addresses_at_connect_time(string address) =>
        Assert.False(Policy().IsAllowedAddress(IPAddress.Parse(address)), address);

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700::1111")]
    public void Allows_public_addresses(string address) => Assert.True(Policy().IsAllowedAddress(IPAddress.Parse(address)), address);

    [Fact]
    public void Loopback_only_with_insecure_hosts_and_never_private()
    {
        Assert.True(Policy(insecure: true).IsAllowedAddress(IPAddress.Loopback));
        Assert.False(Policy(insecure: true).IsAllowedAddress(IPAddress.Parse("10.0.0.1")));
        Assert.False(Policy(insecure: true).IsAllowedAddress(IPAddress.Parse("169.254.169.254")));
    }

    [Fact]
    public void Private_network_hosts_only_when_explicitly_allowed_for_the_container_demo_and_never_link_local()
    {
        var demo = new ImageUrlPolicy(Options.Create(new SmugMugOptions { AllowInsecureHosts = true, AllowPrivateNetworkHosts = true }));
        Assert.True(demo.IsAllowedAddress(IPAddress.Parse("172.18.0.5")));
        Assert.True(demo.IsAllowedAddress(IPAddress.Parse("10.1.2.3")));
        Assert.False(demo.IsAllowedAddress(IPAddress.Parse("169.254.169.254")));
        Assert.False(demo.IsAllowedAddress(IPAddress.Parse("100.64.0.1")));
        Assert.False(Policy().IsAllowedAddress(IPAddress.Parse("172.18.0.5")));
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}/photos/x.jpg")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::1]:{port}/photos/x.jpg")]
    [InlineData("http://localhost.evil.com:{port}/photos/x.jpg")]
    [InlineData("file:///etc/passwd")]
    public async Task Redirects_to_internal_or_unlisted_targets_are_refused(string location)
    {
        var image = fixture.Fake.Library.FindAlbumByName("Sunsets")!.Images[0];
        var path = $"/photos/i-{image.ImageKey}/{image.Serial}/Th/i-{image.ImageKey}-Th.jpg";
        var port = new Uri(fixture.Smug.BaseUrl).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        fixture.Fake.Faults.RedirectOnce(path, location.Replace("{port}", port, StringComparison.Ordinal));
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var fetcher = scope.ServiceProvider.GetRequiredService<SafeImageFetcher>();

        await Assert.ThrowsAsync<ImageUrlRefusedException>(() => fetcher.FetchAsync(fixture.Smug.BaseUrl + path, null, default));

        // Without the redirect the same URL is fine.
        var ok = await fetcher.FetchAsync(fixture.Smug.BaseUrl + path, null, default);
        Assert.Equal("image/jpeg", ok.ContentType);
    }

    [Fact]
    public void Download_names_are_sanitised_with_a_unicode_fallback()
    {
        var header = ContentDisposition.Attachment("../Zürich \"☕\".jpg");
        Assert.Equal("attachment; filename=\"_Zurich ___.jpg\"; filename*=UTF-8''_Z%C3%BCrich%20_%E2%98%95_.jpg", header);
    }
}
