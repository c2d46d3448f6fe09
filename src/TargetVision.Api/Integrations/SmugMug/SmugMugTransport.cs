using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace TargetVision.Api.Integrations.SmugMug;

/// <summary>
/// Sends signed requests to SmugMug's API and OAuth hosts: a replica-wide concurrency limit, redirects followed by
/// hand and re-signed (an automatic redirect would drop the Authorization header), retries with backoff on 429, 5xx
/// and network errors honouring Retry-After and X-RateLimit-Reset, and typed errors for everything else.
/// </summary>
public sealed class SmugMugTransport(
    HttpClient http, IOptions<SmugMugOptions> options, SmugMugThrottle throttle, SmugMugReachability reachability, TimeProvider clock, ILogger<SmugMugTransport> logger,
    ISmugMugAuthFailureSink? authFailures = null)
{
    public const string HttpClientName = "smugmug-api";
    private const int MaxRedirects = 5;

    private SmugMugOptions Options => options.Value;

    /// <summary>
    /// Sends a signed request and returns the successful body; throws <see cref="SmugMugApiException"/> otherwise.
    /// Every final outcome (after retries) is what <see cref="SmugMugReachability"/> reports.
    /// </summary>
    public async Task<string> SendAsync(HttpMethod method, Uri uri, OAuthCredentials credentials, CancellationToken ct,
        IReadOnlyList<KeyValuePair<string, string>>? extraProtocol = null, Func<HttpContent>? content = null)
    {
        try
        {
            var body = await SendWithRetriesAsync(method, uri, credentials, extraProtocol, content, ct);
            reachability.RecordSuccess();
            return body;
        }
        catch (SmugMugApiException e)
        {
            reachability.RecordFailure(e);
            // An API call refused with 401 means the access token is dead (revoked in SmugMug's settings); the OAuth
            // legs use request tokens and are not about the stored connection.
            if (e.Kind == SmugMugErrorKind.Unauthorized && authFailures is not null && credentials.Token is { Length: > 0 } token
                && uri.AbsoluteUri.StartsWith(Options.ApiBaseUrl, StringComparison.OrdinalIgnoreCase))
            {
                await authFailures.TokenRefusedAsync(token, e.Message, CancellationToken.None);
            }
            throw;
        }
    }

    private async Task<string> SendWithRetriesAsync(HttpMethod method, Uri uri, OAuthCredentials credentials,
        IReadOnlyList<KeyValuePair<string, string>>? extraProtocol, Func<HttpContent>? content, CancellationToken ct)
    {
        var target = uri;
        var redirects = 0;
        for (var attempt = 0; ; attempt++)
        {
            TimeSpan delay;
            HttpStatusCode? status = null;
            try
            {
                using var request = new HttpRequestMessage(method, target);
                request.Headers.Accept.ParseAdd("application/json");
                request.Headers.TryAddWithoutValidation("Authorization", OAuthSigner.AuthorizationHeader(
                    method.Method, target, credentials, OAuthSigner.NewNonce(), clock.GetUtcNow().ToUnixTimeSeconds(), extraProtocol));
                request.Content = content?.Invoke();

                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(Options.RequestTimeoutSeconds));
                using var response = await SendThrottledAsync(request, timeout.Token);
                status = response.StatusCode;
                var code = (int)response.StatusCode;

                if (code is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location)
                {
                    if (++redirects > MaxRedirects)
                    {
                        throw new SmugMugApiException(SmugMugErrorKind.BadResponse, "SmugMug redirected too many times.", code);
                    }
                    var next = location.IsAbsoluteUri ? location : new Uri(target, location);
                    // Credentials are only ever signed for SmugMug's own hosts: a redirect elsewhere is refused.
                    if (!IsTrustedHost(next))
                    {
                        throw new SmugMugApiException(SmugMugErrorKind.BadResponse, $"SmugMug redirected to an unexpected host ({next.Host}).", code);
                    }
                    target = next;
                    attempt--;
                    continue;
                }

                var body = await response.Content.ReadAsStringAsync(timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    return body;
                }
                if (code == 429 || code >= 500)
                {
                    delay = RetryDelay(response, attempt);
                    if (attempt >= Options.MaxRetries || delay > TimeSpan.FromSeconds(Options.MaxRetryDelaySeconds))
                    {
                        throw SmugMugApiException.FromStatus(code, MessageOf(body), delay);
                    }
                    logger.LogInformation("SmugMug answered {Status} for {Path}; retry {Attempt} in {Delay}", code, target.AbsolutePath, attempt + 1, delay);
                }
                else
                {
                    throw SmugMugApiException.FromStatus(code, MessageOf(body));
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested && status is null)
            {
                delay = Backoff(attempt);
                if (attempt >= Options.MaxRetries)
                {
                    throw new SmugMugApiException(SmugMugErrorKind.Unavailable, "SmugMug could not be reached.", null, delay, e);
                }
                logger.LogInformation(e, "SmugMug request to {Path} failed; retry {Attempt} in {Delay}", target.AbsolutePath, attempt + 1, delay);
            }
            await Task.Delay(delay, clock, ct);
        }
    }

    private async Task<HttpResponseMessage> SendThrottledAsync(HttpRequestMessage request, CancellationToken ct)
    {
        // The slot is held only while the request is on the wire, never while sleeping before a retry.
        await throttle.Semaphore.WaitAsync(ct);
        try
        {
            SmugMugRequestTally.Record();
            return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        }
        finally
        {
            throttle.Semaphore.Release();
        }
    }

    private bool IsTrustedHost(Uri next)
    {
        var api = new Uri(Options.ApiBaseUrl);
        var oauth = new Uri(Options.OAuthBaseUrl);
        var schemeOk = next.Scheme == Uri.UriSchemeHttps || (Options.AllowInsecureHosts && next.Scheme == Uri.UriSchemeHttp);
        return schemeOk && (string.Equals(next.Authority, api.Authority, StringComparison.OrdinalIgnoreCase)
            || string.Equals(next.Authority, oauth.Authority, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Retry-After (seconds or date) first, then X-RateLimit-Reset when the quota is spent, then backoff.</summary>
    private TimeSpan RetryDelay(HttpResponseMessage response, int attempt)
    {
        var now = clock.GetUtcNow();
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            }
            if (retryAfter.Date is { } date)
            {
                return date > now ? date - now : TimeSpan.Zero;
            }
        }
        if (response.StatusCode == HttpStatusCode.TooManyRequests
            && Header(response, "X-RateLimit-Reset") is { } reset
            && long.TryParse(reset, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
        {
            var wait = DateTimeOffset.FromUnixTimeSeconds(epoch) - now;
            if (wait > TimeSpan.Zero)
            {
                return wait;
            }
        }
        return Backoff(attempt);
    }

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(8000, 250 * Math.Pow(2, attempt)) * (0.8 + (Random.Shared.NextDouble() * 0.4)));

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string? MessageOf(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("Message", out var m) ? m.GetString() : null;
        }
        catch (JsonException)
        {
            return body.Length > 200 ? body[..200] : body;
        }
    }
}
