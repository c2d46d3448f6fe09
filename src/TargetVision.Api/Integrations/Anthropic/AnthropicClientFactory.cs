using Anthropic;
using Anthropic.Core;
using Microsoft.Extensions.Options;

namespace TargetVision.Api.Integrations.Anthropic;

/// <summary>The one place that builds the official SDK client, so base URL and timeouts are applied everywhere.</summary>
public sealed class AnthropicClientFactory(IOptions<AnthropicOptions> options)
{
    public AnthropicClient Create(string apiKey, int? maxRetries = null)
    {
        var o = options.Value;
        var clientOptions = new ClientOptions
        {
            ApiKey = apiKey,
            Timeout = TimeSpan.FromSeconds(o.TimeoutSeconds),
        };
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
