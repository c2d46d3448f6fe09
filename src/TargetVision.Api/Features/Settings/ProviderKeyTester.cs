using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using OpenAI.Chat;
using TargetVision.Api.Integrations.Anthropic;
using TargetVision.Api.Integrations.OpenAI;

namespace TargetVision.Api.Features.Settings;

/// <summary>
/// Proves a provider key works with the smallest real call (one output token) through the official SDK, and turns
/// every failure into a sentence a user can act on.
/// </summary>
public sealed class ProviderKeyTester(AnthropicClientFactory anthropic, OpenAIClientFactory openAi, ILogger<ProviderKeyTester> logger)
{
    public async Task<TestKeyResponse> TestAsync(string provider, string apiKey, string model, CancellationToken ct)
    {
        try
        {
            return provider == "openai"
                ? await TestOpenAiAsync(apiKey, model, ct)
                : await TestAnthropicAsync(apiKey, model, ct);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new TestKeyResponse(false, "The provider did not answer in time.", model);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogInformation("Key test for {Provider} failed: {Error}", provider, ex.GetType().Name);
            return new TestKeyResponse(false, Describe(ex), model);
        }
    }

    private async Task<TestKeyResponse> TestAnthropicAsync(string apiKey, string model, CancellationToken ct)
    {
        var client = anthropic.Create(apiKey, maxRetries: 0);
        var message = await client.Messages.Create(new MessageCreateParams
        {
            Model = model,
            MaxTokens = 1,
            Messages = [new UserMessageParam { Content = "ping" }],
        }, ct);
        return new TestKeyResponse(true, "The Anthropic key works.", message.Model);
    }

    private async Task<TestKeyResponse> TestOpenAiAsync(string apiKey, string model, CancellationToken ct)
    {
        var chat = openAi.Create(apiKey, maxRetries: 0).GetChatClient(model);
        var completion = await chat.CompleteChatAsync([new UserChatMessage("ping")], new ChatCompletionOptions { MaxOutputTokenCount = 1 }, ct);
        return new TestKeyResponse(true, "The OpenAI key works.", completion.Value.Model);
    }

    private static string Describe(Exception ex) => ex switch
    {
        AnthropicUnauthorizedException => "The key was rejected (401): check that it is complete and active.",
        AnthropicForbiddenException => "The key is not allowed to use this model (403).",
        AnthropicRateLimitException => "The provider is rate limiting this key (429); try again shortly.",
        AnthropicApiException api => $"The provider answered with an error: {api.Message}",
        System.ClientModel.ClientResultException { Status: 401 } => "The key was rejected (401): check that it is complete and active.",
        System.ClientModel.ClientResultException { Status: 429 } => "The provider is rate limiting this key (429); try again shortly.",
        System.ClientModel.ClientResultException cre => $"The provider answered with status {cre.Status}.",
        HttpRequestException => "The provider could not be reached: " + ex.Message,
        _ => "The key test failed: " + ex.Message,
    };
}
