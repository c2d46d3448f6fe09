using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace TargetVision.Api.Integrations.SmugMug;

/// <summary>
/// Decides which URLs the backend may fetch images from (the old app proxied anything starting with the SmugMug
/// host string). Checked after parsing: https only, no userinfo, no IP literals, an exact host (and port) match
/// against the allow-list; and at connect time the resolved address must not be loopback, private or link-local,
/// so a DNS name pointing inside the network is refused too.
/// </summary>
public sealed class ImageUrlPolicy(IOptions<SmugMugOptions> options)
{
    private SmugMugOptions Options => options.Value;

    public bool TryValidate(string? url, out Uri? uri, out string reason)
    {
        uri = null;
        if (string.IsNullOrWhiteSpace(url) || url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\'))
        {
            reason = "empty or malformed URL";
            return false;
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed))
        {
            reason = "not an absolute URL";
            return false;
        }
        var httpsOnly = parsed.Scheme == Uri.UriSchemeHttps;
        if (!httpsOnly && !(Options.AllowInsecureHosts && parsed.Scheme == Uri.UriSchemeHttp))
        {
            reason = $"scheme '{parsed.Scheme}' is not allowed";
            return false;
        }
        if (parsed.UserInfo.Length > 0)
        {
            reason = "userinfo is not allowed";
            return false;
        }
        if (parsed.HostNameType is not UriHostNameType.Dns || IPAddress.TryParse(parsed.Host.Trim('[', ']'), out _) || LooksNumeric(parsed.Host))
        {
            reason = "IP-address hosts are not allowed";
            return false;
        }
        if (!Options.EffectiveImageHosts.Any(entry => Matches(entry, parsed)))
        {
            reason = $"host '{parsed.Host}' is not on the image host allow-list";
            return false;
        }
        uri = parsed;
        reason = "";
        return true;
    }

    /// <summary>Exact, case-insensitive host match; an entry without a port only matches the scheme's default port.</summary>
    private static bool Matches(string entry, Uri uri)
    {
        var colon = entry.LastIndexOf(':');
        var host = colon > 0 ? entry[..colon] : entry;
        int? port = colon > 0 && int.TryParse(entry[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;
        if (!string.Equals(host.Trim().TrimEnd('.'), uri.IdnHost.TrimEnd('.'), StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        return port is { } expected ? uri.Port == expected : uri.IsDefaultPort;
    }

    /// <summary>Hosts like "2130706433" or "0x7f.1" are addresses in disguise for some resolvers.</summary>
    private static bool LooksNumeric(string host) =>
        host.Split('.').All(part => part.Length > 0 && (part.All(char.IsAsciiDigit)
            || (part.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && part[2..].All(char.IsAsciiHexDigit))));

    /// <summary>Whether a resolved address may be connected to.</summary>
    public bool IsAllowedAddress(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address))
        {
            return Options.AllowInsecureHosts;
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return IsAllowedIPv4(address.GetAddressBytes());
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            // Forms that carry an IPv4 address inside: 6to4 (2002::/16) is judged by the address it embeds; Teredo
            // (2001::/32), IPv4-compatible (::/96), SIIT (::ffff:0:0/96) and local NAT64 (64:ff9b:1::/48) never
            // lead to a photo host, so they are refused outright.
            if (b[0] == 0x20 && b[1] == 0x02)
            {
                var embedded = b[2..6];
                return !IPAddress.IsLoopback(new IPAddress(embedded)) && IsAllowedIPv4(embedded);
            }
            var teredo = b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0;
            var compatible = b[..12].All(x => x == 0);
            var siit = b[..8].All(x => x == 0) && b[8] == 0xFF && b[9] == 0xFF && b[10] == 0 && b[11] == 0;
            var localNat64 = b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4] == 0 && b[5] == 1;
            var discard = b[0] == 0x01 && b[..8].Skip(1).All(x => x == 0); // 100::/64
            return !(teredo || compatible || siit || localNat64 || discard
                || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (b[0] & 0xFE) == 0xFC // unique local fc00::/7
                || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B)); // NAT64 can reach IPv4-internal
        }
        return false;
    }

    private bool IsAllowedIPv4(byte[] b)
    {
        // The containerised demo reaches the fake SmugMug on the compose network (RFC 1918); link-local and
        // metadata addresses stay refused even then.
        var rfc1918 = b[0] == 10 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168);
        if (rfc1918 && Options.AllowPrivateNetworkHosts)
        {
            return true;
        }
        return !(b[0] is 0 or 10 or 127 or >= 224
            || (b[0] == 100 && b[1] is >= 64 and <= 127)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 172 && b[1] is >= 16 and <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 192 && b[1] == 0 && b[2] == 0)
            || (b[0] == 198 && b[1] is 18 or 19));
    }

    /// <summary>
    /// The image HttpClient's ConnectCallback: resolves the name itself and connects only to allowed addresses,
    /// closing the gap between checking a name and the connection actually made (DNS rebinding).
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, ct);
        var allowed = addresses.Where(IsAllowedAddress).ToList();
        if (allowed.Count == 0)
        {
            throw new HttpRequestException($"Refused to connect to {endpoint.Host}: it resolves to a non-public address.");
        }
        Exception? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
        }
        throw new HttpRequestException($"Could not connect to {endpoint.Host}.", last);
    }
}
