using Microsoft.AspNetCore.Http.Features;

namespace FakeSmugMug.OAuth;

/// <summary>
/// The protocol parameters and signed parameters gathered from one HTTP request: the Authorization header,
/// the query string and a form-encoded body, as RFC 5849 section 3.4.1.3 lists them.
/// </summary>
public sealed class OAuthRequest
{
    public required string Method { get; init; }

    /// <summary>Candidates for the base string URI; more than one when the raw and decoded paths differ.</summary>
    public required IReadOnlyList<string> BaseStringUris { get; init; }

    public required IReadOnlyList<KeyValuePair<string, string>> SignedParameters { get; init; }

    public string? Signature { get; init; }

    public string? Get(string name) =>
        SignedParameters.Where(p => p.Key == name).Select(p => p.Value).FirstOrDefault();

    /// <param name="request">The incoming request.</param>
    /// <param name="includeFormBody">False for SmugMug's uploader, whose body is the media and never signed, whatever its type.</param>
    /// <param name="ct">Aborts reading the body.</param>
    public static async Task<OAuthRequest> ReadAsync(HttpRequest request, CancellationToken ct, bool includeFormBody = true)
    {
        var all = new List<KeyValuePair<string, string>>();
        string? signature = null;

        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("OAuth ", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var p in ParseAuthorizationHeader(header[6..]))
            {
                if (p.Key == "oauth_signature")
                {
                    signature = p.Value;
                }
                else if (p.Key != "realm")
                {
                    all.Add(p);
                }
            }
        }

        foreach (var p in OAuthEncoding.ParseForm(request.QueryString.Value))
        {
            if (p.Key == "oauth_signature")
            {
                signature ??= p.Value;
            }
            else
            {
                all.Add(p);
            }
        }

        if (includeFormBody && request.HasFormContentType)
        {
            // Read the raw body rather than Request.Form so that repeated and empty parameters survive as sent.
            request.EnableBuffering();
            using var reader = new StreamReader(request.Body, leaveOpen: true);
            var body = await reader.ReadToEndAsync(ct);
            request.Body.Position = 0;
            foreach (var p in OAuthEncoding.ParseForm(body))
            {
                if (p.Key == "oauth_signature")
                {
                    signature ??= p.Value;
                }
                else
                {
                    all.Add(p);
                }
            }
        }

        var rawTarget = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "/";
        var q = rawTarget.IndexOf('?');
        var rawPath = q < 0 ? rawTarget : rawTarget[..q];
        var decodedPath = request.PathBase.Value + request.Path.Value;
        var host = request.Host;
        var uris = new List<string> { OAuthSignature.BaseStringUri(request.Scheme, host.Host, host.Port, rawPath) };
        if (decodedPath != rawPath)
        {
            uris.Add(OAuthSignature.BaseStringUri(request.Scheme, host.Host, host.Port, decodedPath));
        }

        return new OAuthRequest
        {
            Method = request.Method,
            BaseStringUris = uris,
            SignedParameters = all,
            Signature = signature,
        };
    }

    /// <summary>Parses <c>name="value", name2="value2"</c>; values are percent-encoded (RFC 5849 3.5.1).</summary>
    public static List<KeyValuePair<string, string>> ParseAuthorizationHeader(string text)
    {
        var result = new List<KeyValuePair<string, string>>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ' ' || text[i] == ',' || text[i] == '\t'))
            {
                i++;
            }

            var eq = text.IndexOf('=', i);
            if (eq < 0)
            {
                break;
            }

            var name = text[i..eq].Trim();
            i = eq + 1;
            string value;
            if (i < text.Length && text[i] == '"')
            {
                var end = text.IndexOf('"', i + 1);
                if (end < 0)
                {
                    end = text.Length;
                }

                value = text[(i + 1)..end];
                i = end + 1;
            }
            else
            {
                var end = text.IndexOf(',', i);
                if (end < 0)
                {
                    end = text.Length;
                }

                value = text[i..end].Trim();
                i = end;
            }

            result.Add(new(Uri.UnescapeDataString(name), Uri.UnescapeDataString(value)));
        }

        return result;
    }
}
