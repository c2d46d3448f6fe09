using System.Text.Json;
using Microsoft.Extensions.AI;

namespace TargetVision.Api.Integrations.Ai;

/// <summary>
/// One AI provider behind Microsoft.Extensions.AI: how to build its chat client and what differs between providers
/// (how structured output is asked for, how image tokens are counted). Everything else speaks
/// <see cref="IChatClient"/>, so describe, key tests and chat share one path.
/// </summary>
public interface IAiProvider
{
    /// <summary>anthropic or openai: the value stored in settings, usage rows and the model table.</summary>
    string Id { get; }

    /// <summary>The name users read in messages (Anthropic, OpenAI).</summary>
    string DisplayName { get; }

    /// <summary>The configured default model (Anthropic:Model, OpenAI:Model).</summary>
    string DefaultModel { get; }

    /// <summary>
    /// A chat client for <paramref name="modelId"/> with the SDK's own retries off (the job queue retries, visibly
    /// and cancellably). Every failure it raises is an <see cref="AiProviderException"/>. Streaming and tool calls
    /// are the SDK adapter's own.
    /// </summary>
    IChatClient CreateChatClient(string apiKey, string modelId);

    /// <summary>Asks for <paramref name="output"/> in the provider's strict way (a forced tool, or a strict json_schema).</summary>
    void RequestStructuredOutput(ChatOptions options, AiStructuredOutput output);

    /// <summary>How an instruction names the structured answer (the tool, or the JSON object).</summary>
    string StructuredOutputPhrase(AiStructuredOutput output);

    /// <summary>Input tokens an image of this size costs, by the provider's published formula.</summary>
    long ImageTokens(double width, double height);
}

/// <summary>A structured answer to ask for: a name, what it is for, and its JSON schema (object at the root).</summary>
public sealed record AiStructuredOutput(string Name, string Description, JsonElement Schema)
{
    /// <summary>
    /// The answer from a response: the arguments of the forced tool call when there is one, else the text parsed as
    /// a JSON object; null when neither is there.
    /// </summary>
    public JsonElement? Read(ChatResponse response)
    {
        var call = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().FirstOrDefault(c => c.Name == Name);
        if (call is not null)
        {
            return JsonSerializer.SerializeToElement(call.Arguments ?? new Dictionary<string, object?>());
        }
        if (string.IsNullOrWhiteSpace(response.Text))
        {
            return null;
        }
        try
        {
            using var json = JsonDocument.Parse(response.Text);
            return json.RootElement.ValueKind == JsonValueKind.Object ? json.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
