using System.Globalization;
using System.Net.Http.Headers;

namespace TargetVision.Api.Integrations.Anthropic;

/// <summary>
/// The Anthropic SDK's exceptions carry status and body but not the response headers, so the server's retry-after
/// would be lost. A caller opens a capture scope; the HTTP handler below records the hint into it (the holder object
/// flows down through the SDK's awaits, and mutating it is visible back up).
/// </summary>
public sealed class RetryAfterCapture
{
    private static readonly AsyncLocal<RetryAfterCapture?> Current = new();

    public TimeSpan? RetryAfter { get; private set; }

    public static RetryAfterCapture Begin()
    {
        var capture = new RetryAfterCapture();
        Current.Value = capture;
        return capture;
    }

    internal static void Record(HttpResponseHeaders headers)
    {
        if (Current.Value is { } capture && Parse(headers) is { } delay)
        {
            capture.RetryAfter = delay;
        }
    }

    /// <summary>retry-after-ms, then retry-after in seconds or as an HTTP date.</summary>
    public static TimeSpan? Parse(HttpResponseHeaders headers)
    {
        if (headers.TryGetValues("retry-after-ms", out var ms)
            && double.TryParse(ms.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
        {
            return TimeSpan.FromMilliseconds(millis);
        }
        if (headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return delta;
            }
            if (retryAfter.Date is { } date)
            {
                var wait = date - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }
        return null;
    }
}

/// <summary>Feeds <see cref="RetryAfterCapture"/> from every response of the Anthropic HTTP client.</summary>
public sealed class RetryAfterCaptureHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            RetryAfterCapture.Record(response.Headers);
        }
        return response;
    }
}
