using System.Net;

namespace TargetVision.Testing;

/// <summary>Keeps cookies like a browser and echoes XSRF-TOKEN into X-XSRF-TOKEN on unsafe methods, as the SPA does.</summary>
public sealed class SessionHandler : DelegatingHandler
{
    public CookieContainer Cookies { get; } = new();

    /// <summary>Set to false to send state-changing requests without the antiforgery header.</summary>
    public bool SendAntiforgeryHeader { get; set; } = true;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var cookieHeader = Cookies.GetCookieHeader(uri);
        if (cookieHeader.Length > 0)
        {
            request.Headers.Remove("Cookie");
            request.Headers.Add("Cookie", cookieHeader);
        }
        if (SendAntiforgeryHeader && request.Method != HttpMethod.Get && request.Method != HttpMethod.Head)
        {
            var token = Cookies.GetCookies(uri)["XSRF-TOKEN"]?.Value;
            if (token is not null)
            {
                request.Headers.Remove("X-XSRF-TOKEN");
                request.Headers.Add("X-XSRF-TOKEN", token);
            }
        }
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var value in setCookies)
            {
                Cookies.SetCookies(uri, value);
            }
        }
        return response;
    }
}
