using FakeSmugMug.OAuth;

namespace FakeSmugMug.Tests;

public sealed class OAuthSignatureTests
{
    [Fact]
    public void Rfc5849_section_3_4_1_base_string_example()
    {
        var parameters = new List<KeyValuePair<string, string>>();
        parameters.AddRange(OAuthEncoding.ParseForm("?b5=%3D%253D&a3=a&c%40=&a2=r%20b"));
        parameters.AddRange(OAuthEncoding.ParseForm("c2&a3=2+q"));
        parameters.AddRange(OAuthRequest.ParseAuthorizationHeader(
            "realm=\"Example\", oauth_consumer_key=\"9djdj82h48djs9d2\", oauth_token=\"kkk9d7dh3k39sjv7\", oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"137131201\", oauth_nonce=\"7d8f3e4a\", oauth_signature=\"bYT5CMsGcbgUdFHObYMEfcx6bsw%3D\""));

        var baseString = OAuthSignature.BaseString("POST", OAuthSignature.BaseStringUri("http", "example.com", 80, "/request"), parameters);

        Assert.Equal(
            "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7",
            baseString);
    }

    [Fact]
    public void Classic_photos_example_signature()
    {
        var parameters = new Dictionary<string, string>
        {
            ["file"] = "vacation.jpg",
            ["size"] = "original",
            ["oauth_consumer_key"] = "dpf43f3p2l4k3l03",
            ["oauth_token"] = "nnch734d00sl2jdk",
            ["oauth_signature_method"] = "HMAC-SHA1",
            ["oauth_timestamp"] = "1191242096",
            ["oauth_nonce"] = "kllo9940pd9333jh",
            ["oauth_version"] = "1.0",
        };

        var baseString = OAuthSignature.BaseString("GET", OAuthSignature.BaseStringUri("http", "photos.example.net", 80, "/photos"), parameters);

        Assert.Equal(
            "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dkllo9940pd9333jh%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1191242096%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal",
            baseString);
        Assert.Equal("tR3+Ty81lMeYAr/Fid0kMTYa/WM=", OAuthSignature.Sign(baseString, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00"));
    }

    [Theory]
    [InlineData("A,B", "A%2CB")]
    [InlineData("a b", "a%20b")]
    [InlineData("~-._", "~-._")]
    [InlineData("Zürich ☕", "Z%C3%BCrich%20%E2%98%95")]
    [InlineData("!*'()", "%21%2A%27%28%29")]
    public void Percent_encoding_follows_rfc3986(string raw, string encoded) => Assert.Equal(encoded, OAuthEncoding.Encode(raw));

    [Fact]
    public void Default_ports_are_dropped_and_others_kept()
    {
        Assert.Equal("https://example.com/a", OAuthSignature.BaseStringUri("HTTPS", "Example.com", 443, "/a"));
        Assert.Equal("http://example.com:8080/a", OAuthSignature.BaseStringUri("http", "example.com", 8080, "/a"));
    }
}
