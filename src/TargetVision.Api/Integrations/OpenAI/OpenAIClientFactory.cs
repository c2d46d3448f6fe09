using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.Options;
using OpenAI;

namespace TargetVision.Api.Integrations.OpenAI;

/// <summary>The one place that builds the official OpenAI SDK client (endpoint, timeout, retries).</summary>
public sealed class OpenAIClientFactory(IOptions<OpenAIOptions> options)
{
    public OpenAIClient Create(string apiKey, int? maxRetries = null)
    {
        var o = options.Value;
        var clientOptions = new OpenAIClientOptions { NetworkTimeout = TimeSpan.FromSeconds(o.TimeoutSeconds) };
        if (!string.IsNullOrWhiteSpace(o.BaseUrl))
        {
            clientOptions.Endpoint = new Uri(o.BaseUrl.TrimEnd('/'));
        }
        if (maxRetries is { } retries)
        {
            clientOptions.RetryPolicy = new ClientRetryPolicy(retries);
        }
        return new OpenAIClient(new ApiKeyCredential(apiKey), clientOptions);
    }
}
