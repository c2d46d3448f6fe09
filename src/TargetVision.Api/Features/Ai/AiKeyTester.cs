using Microsoft.Extensions.AI;
using TargetVision.Api.Integrations.Ai;

namespace TargetVision.Api.Features.Ai;

/// <summary>
/// Proves a provider key works with the smallest real call (one output token) through the provider's chat client,
/// and turns every failure into a sentence a user can act on.
/// </summary>
public sealed class AiKeyTester(AiClients clients, ILogger<AiKeyTester> logger)
{
    public async Task<TestKeyResponse> TestAsync(string provider, string apiKey, string model, CancellationToken ct)
    {
        var name = clients.FindProvider(provider)?.DisplayName ?? provider;
        try
        {
            var client = clients.CreateUnmeteredChatClient(provider, apiKey, model);
            var response = await client.GetResponseAsync("ping", new ChatOptions { MaxOutputTokens = 1 }, ct);
            return new TestKeyResponse(true, $"The {name} key works.", response.ModelId ?? model);
        }
        catch (AiProviderException ex)
        {
            logger.LogInformation("Key test for {Provider} failed: {Kind}", provider, ex.GetType().Name);
            return new TestKeyResponse(false, ex switch
            {
                AiRateLimitedException => "The provider is rate limiting this key (429); try again shortly.",
                AiTimeoutException => "The provider did not answer in time.",
                _ => ex.Message,
            }, model);
        }
    }
}
