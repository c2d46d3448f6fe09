using TargetVision.Api.Integrations.SmugMug;

namespace TargetVision.Tests.SmugMug;

/// <summary>The hand-written OAuth 1.0a signer against RFC 5849's published examples.</summary>
public class OAuthSignerTests
{
    [Fact]
    public void Rfc5849_section_3_4_1_base_string()
    {
        // RFC 5849 §3.4.1.1: query, form body and protocol parameters, with tricky encodings (%253D, c@=, r b).
        var uri = new Uri("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b");
        var parameters = OAuthSigner.ParseForm(uri.Query)
            .Concat(OAuthSigner.ParseForm("c2&a3=2+q"))
            .Concat(
            [
                new("oauth_consumer_key", "9djdj82h48djs9d2"),
                new("oauth_token", "kkk9d7dh3k39sjv7"),
                new("oauth_signature_method", "HMAC-SHA1"),
                new("oauth_timestamp", "137131201"),
                new("oauth_nonce", "7d8f3e4a"),
            ]);

        var baseString = OAuthSigner.BaseString("POST", uri, parameters);

        Assert.Equal(
            "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7",
            baseString);
    }

    [Fact]
    public void Classic_photos_example_signature()
    {
        var credentials = new OAuthCredentials("dpf43f3p2l4k3l03", "kd94hf93k423kf44", "nnch734d00sl2jdk", "pfkkdhi9sl3r4s00");
        var uri = new Uri("http://photos.example.net/photos?file=vacation.jpg&size=original");

        var header = OAuthSigner.AuthorizationHeader("GET", uri, credentials, "kllo9940pd9333jh", 1191242096);

        Assert.Contains("oauth_signature=\"tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D\"", header, StringComparison.Ordinal);
        Assert.StartsWith("OAuth ", header, StringComparison.Ordinal);
    }

    [Fact]
    public void Commas_in_expand_and_filter_are_encoded()
    {
        var uri = new Uri("https://api.smugmug.com/api/v2/node/abc!children?_expand=Album%2CHighlightImage&_filter=Name,Type");
        var baseString = OAuthSigner.BaseString("GET", uri, OAuthSigner.ParseForm(uri.Query));

        Assert.Equal(
            "GET&https%3A%2F%2Fapi.smugmug.com%2Fapi%2Fv2%2Fnode%2Fabc%21children&_expand%3DAlbum%252CHighlightImage%26_filter%3DName%252CType",
            baseString);
    }

    [Theory]
    [InlineData("abc-._~", "abc-._~")]
    [InlineData("a b", "a%20b")]
    [InlineData("a,b;c", "a%2Cb%3Bc")]
    [InlineData("ü☕", "%C3%BC%E2%98%95")]
    [InlineData("*!'()", "%2A%21%27%28%29")]
    public void Percent_encoding_keeps_only_unreserved(string raw, string encoded) =>
        Assert.Equal(encoded, OAuthSigner.Encode(raw));
}
