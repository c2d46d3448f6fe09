using TargetVision.Api.Integrations.Anthropic;
using TargetVision.Api.Integrations.OpenAI;

namespace TargetVision.Api.Features.Ai;

/// <summary>
/// The models offered for descriptions with their list prices. Ai:Models replaces the whole table when set (a list
/// bound over defaults would be appended to them, so the defaults live here instead of in the options class).
/// </summary>
public sealed class ModelCatalog
{
    public const string Section = "Ai:Models";

    // List prices in USD per million tokens, as published by the providers (late 2025).
    private static readonly AiModel[] Defaults =
    [
        new() { Id = "claude-sonnet-4-5", Provider = AnthropicProvider.ProviderId, Label = "Claude Sonnet 4.5", Speed = "balanced", InputPerMTok = 3m, OutputPerMTok = 15m },
        new() { Id = "claude-haiku-4-5", Provider = AnthropicProvider.ProviderId, Label = "Claude Haiku 4.5", Speed = "fast", InputPerMTok = 1m, OutputPerMTok = 5m },
        new() { Id = "claude-opus-4-5", Provider = AnthropicProvider.ProviderId, Label = "Claude Opus 4.5", Speed = "best", InputPerMTok = 5m, OutputPerMTok = 25m },
        new() { Id = "gpt-4.1-mini", Provider = OpenAIProvider.ProviderId, Label = "GPT-4.1 mini", Speed = "fast", InputPerMTok = 0.40m, OutputPerMTok = 1.60m },
        new() { Id = "gpt-4.1", Provider = OpenAIProvider.ProviderId, Label = "GPT-4.1", Speed = "best", InputPerMTok = 2m, OutputPerMTok = 8m },
        new() { Id = "gpt-4o-mini", Provider = OpenAIProvider.ProviderId, Label = "GPT-4o mini", Speed = "fast", InputPerMTok = 0.15m, OutputPerMTok = 0.60m },
    ];

    public ModelCatalog(IConfiguration configuration)
    {
        var configured = configuration.GetSection(Section).Get<List<AiModel>>();
        Models = configured is { Count: > 0 }
            ? configured.Where(m => !string.IsNullOrWhiteSpace(m.Id) && m.Provider is AnthropicProvider.ProviderId or OpenAIProvider.ProviderId).ToList()
            : Defaults;
    }

    public IReadOnlyList<AiModel> Models { get; }

    public AiModel? Find(string? id) => id is null ? null : Models.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.OrdinalIgnoreCase));
}
