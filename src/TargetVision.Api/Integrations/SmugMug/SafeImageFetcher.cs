using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace TargetVision.Api.Integrations.SmugMug;

/// <summary>
/// The only way the backend downloads image bytes. Every URL (and every redirect target) passes
/// <see cref="ImageUrlPolicy"/>; the connection goes through the policy's address check; responses must be images,
/// must be raster images (<see cref="RasterImageTypes"/>), are size-capped and time-limited. Requests are OAuth-signed when credentials are given (private albums).
/// </summary>
public sealed class SafeImageFetcher(IHttpClientFactory httpFactory, ImageUrlPolicy policy, IOptions<SmugMugOptions> options, TimeProvider clock)
{
    public const string HttpClientName = "smugmug-images";
    private const int MaxRedirects = 3;

    public async Task<FetchedImage> FetchAsync(string url, OAuthCredentials? signWith, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.ImageTimeoutSeconds));
        await using var opened = await OpenAsync(url, signWith, timeout.Token, ct);
        var bytes = await ReadCappedAsync(opened.Content, options.Value.MaxImageBytes, timeout.Token);
        return new FetchedImage(bytes, opened.ContentType);
    }

    /// <summary>
    /// Opens an image for streaming: the same checks as <see cref="FetchAsync"/>, the body is read as it arrives and
    /// the size cap is enforced while reading. Only the wait for the response headers is time-limited (an original
    /// of hundreds of megabytes may take a while); <paramref name="ct"/> stops the transfer at any time.
    /// </summary>
    public async Task<OpenedImage> OpenStreamAsync(string url, OAuthCredentials? signWith, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.ImageTimeoutSeconds));
        return await OpenAsync(url, signWith, timeout.Token, ct);
    }

    private async Task<OpenedImage> OpenAsync(string url, OAuthCredentials? signWith, CancellationToken headersToken, CancellationToken ct)
    {
        var o = options.Value;
        if (!policy.TryValidate(url, out var target, out var reason))
        {
            throw new ImageUrlRefusedException(reason);
        }
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
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, headersToken);
            }
            catch (HttpRequestException e)
            {
                throw new SmugMugApiException(SmugMugErrorKind.Unavailable, "The photo host could not be reached.", null, null, e);
            }
            catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
            {
                throw new SmugMugApiException(SmugMugErrorKind.Unavailable, "The photo host did not answer in time.", null, null, e);
            }
            var handedOver = false;
            try
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
                if (!RasterImageTypes.IsAllowed(contentType))
                {
                    throw new ImageUrlRefusedException($"the photo host answered {(contentType.Length == 0 ? "no content type" : contentType)}, not a raster image");
                }
                var length = response.Content.Headers.ContentLength;
                if (length > o.MaxImageBytes)
                {
                    throw new ImageUrlRefusedException("image larger than the configured cap");
                }
                var body = await response.Content.ReadAsStreamAsync(ct);
                handedOver = true;
                return new OpenedImage(new CappedStream(body, o.MaxImageBytes), contentType, length, response);
            }
            finally
            {
                if (!handedOver)
                {
                    response.Dispose();
                }
            }
        }
    }

    private static async Task<byte[]> ReadCappedAsync(Stream stream, long max, CancellationToken ct)
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
