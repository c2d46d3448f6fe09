using Anthropic;
using Anthropic.Core;
using Microsoft.Extensions.Options;

namespace TargetVision.Api.Integrations.Anthropic;

/// <summary>The one place that builds the official SDK client, so base URL and timeouts are applied everywhere.</summary>
public sealed class AnthropicClientFactory(IOptions<AnthropicOptions> options, IHttpClientFactory? httpClients = null)
{
    /// <summary>Named HttpClient (pooled connections, retry-after capture), registered once by AddAiProviders.</summary>
    public const string HttpClientName = "anthropic";

    public AnthropicClient Create(string apiKey, int? maxRetries = null)
    {
        var o = options.Value;
        var clientOptions = new ClientOptions
        {
            ApiKey = apiKey,
            Timeout = TimeSpan.FromSeconds(o.TimeoutSeconds),
        };
        if (httpClients is not null)
        {
            clientOptions.HttpClient = httpClients.CreateClient(HttpClientName);
        }
        if (!string.IsNullOrWhiteSpace(o.BaseUrl))
        {
            clientOptions.BaseUrl = o.BaseUrl.TrimEnd('/');
        }
        if (maxRetries is { } retries)
        {
            clientOptions.MaxRetries = retries;
        }
        return new AnthropicClient(clientOptions);
    }
}
