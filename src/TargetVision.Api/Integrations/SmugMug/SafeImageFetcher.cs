using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace TargetVision.Api.Integrations.SmugMug;

/// <summary>
/// The only way the backend downloads image bytes. Every URL (and every redirect target) passes
/// <see cref="ImageUrlPolicy"/>; the connection goes through the policy's address check; responses must be images,
/// are size-capped and time-limited. Requests are OAuth-signed when credentials are given (private albums).
/// </summary>
public sealed class SafeImageFetcher(IHttpClientFactory httpFactory, ImageUrlPolicy policy, IOptions<SmugMugOptions> options, TimeProvider clock)
{
    public const string HttpClientName = "smugmug-images";
    private const int MaxRedirects = 3;

    public async Task<FetchedImage> FetchAsync(string url, OAuthCredentials? signWith, CancellationToken ct)
    {
        var o = options.Value;
        if (!policy.TryValidate(url, out var target, out var reason))
        {
            throw new ImageUrlRefusedException(reason);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(o.ImageTimeoutSeconds));
        var http = httpFactory.CreateClient(HttpClientName);
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, target);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("image/*"));
            if (signWith is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", OAuthSigner.AuthorizationHeader(
                    "GET", target!, signWith, OAuthSigner.NewNonce(), clock.GetUtcNow().ToUnixTimeSeconds()));
            }
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            }
            catch (HttpRequestException e)
            {
                throw new SmugMugApiException(SmugMugErrorKind.Unavailable, "The photo host could not be reached.", null, null, e);
            }
            catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
            {
                throw new SmugMugApiException(SmugMugErrorKind.Unavailable, "The photo host did not answer in time.", null, null, e);
            }
            using (response)
            {
                var code = (int)response.StatusCode;
                if (code is 301 or 302 or 303 or 307 or 308)
                {
                    var location = response.Headers.Location;
                    var next = location is null ? null : location.IsAbsoluteUri ? location : new Uri(target!, location);
                    if (hop >= MaxRedirects || next is null)
                    {
                        throw new ImageUrlRefusedException("too many or empty redirects");
                    }
                    // A redirect is a new URL: it gets the same checks as the first one.
                    if (!policy.TryValidate(next.AbsoluteUri, out target, out reason))
                    {
                        throw new ImageUrlRefusedException("redirect refused: " + reason);
                    }
                    continue;
                }
                if (!response.IsSuccessStatusCode)
                {
                    throw code is 401 or 403
                        ? SmugMugApiException.FromStatus(401, null)
                        : SmugMugApiException.FromStatus(code, "photo host");
                }
                var contentType = response.Content.Headers.ContentType?.MediaType ?? "";
                if (!contentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
                {
                    throw new ImageUrlRefusedException($"the photo host answered {contentType}, not an image");
                }
                if (response.Content.Headers.ContentLength > o.MaxImageBytes)
                {
                    throw new ImageUrlRefusedException("image larger than the configured cap");
                }
                var bytes = await ReadCappedAsync(await response.Content.ReadAsStreamAsync(timeout.Token), o.MaxImageBytes, timeout.Token);
                return new FetchedImage(bytes, contentType);
            }
        }
    }

    private static async Task<byte[]> ReadCappedAsync(Stream stream, long max, CancellationToken ct)
    {
        await using (stream)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > max)
                {
                    throw new ImageUrlRefusedException("image larger than the configured cap");
                }
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
    }
}
