namespace TargetVision.Api.Features.Ai;

public sealed record AiModelView(string Id, string Provider, string Label, string Speed, decimal InputPerMTok, decimal OutputPerMTok, bool KeyConfigured, bool Default);

public sealed record ProviderStatusView(bool KeyPresent, string Source, DateTimeOffset? LastValidatedAt, bool? LastValidationOk);

public sealed record AiStatusResponse(ProviderStatusView Anthropic, ProviderStatusView Openai);

public sealed record UsageTotals(int Calls, long InputTokens, long OutputTokens, decimal CostUsd);

public sealed record UsageByModel(string Model, string Provider, int Calls, long InputTokens, long OutputTokens, decimal CostUsd);

public sealed record UsageByDay(string Day, int Calls, decimal CostUsd);

public sealed record UsageResponse(int Days, UsageTotals Totals, IReadOnlyList<UsageByModel> ByModel, IReadOnlyList<UsageByDay> ByDay);

public sealed record TestKeyResponse(bool Ok, string Message, string? Model);
