using TargetVision.Api.Infrastructure.Jobs;

namespace TargetVision.Api.Features.Processing;

/// <summary>
/// What to describe. Scope photos|album|folder|undescribed. Described photos are skipped unless
/// <see cref="IncludeDescribed"/> (default: true for an explicit photo selection, false otherwise); photos already
/// queued or processing are always skipped, so a double click never pays twice.
/// </summary>
public sealed record ProcessingRequest(string? Scope, int[]? PhotoIds, string? AlbumKey, string? FolderPath, string? Model, int? PromptId, bool? IncludeDescribed);

public sealed record EstimateResponse(int Photos, int AlreadyDescribed, int InProgress, string Model, string Provider,
    long EstimatedInputTokens, long EstimatedOutputTokens, decimal EstimatedCostUsd,
    TargetVision.Api.Features.Ai.AiSpendStatus? Budget = null, bool WouldExceedMonthlyCap = false);

public sealed record CreateBatchResponse(BatchView Batch);

public sealed record AiVersionView(
    int Version, string Description, IReadOnlyList<string> Keywords, int? PeopleCount, string? Setting,
    string Provider, string Model, int? PromptId, int? PromptVersion, long InputTokens, long OutputTokens, decimal CostUsd,
    int LatencyMs, DateTimeOffset CreatedAt, bool Approved, DateTimeOffset? ApprovedAt, bool EditedByUser)
{
    public static AiVersionView From(PhotoAiVersion v) => new(v.Version, v.Description, v.Keywords, v.PeopleCount, v.Setting,
        v.Provider, v.Model, v.PromptId, v.PromptVersion, v.InputTokens, v.OutputTokens, v.CostUsd, v.LatencyMs, v.CreatedAt,
        v.Approved, v.ApprovedAt, v.EditedByUser);
}

public sealed record PhotoAiResponse(AiVersionView? Current, IReadOnlyList<AiVersionView> Versions);

public sealed record EditAiRequest(string? Description, List<string>? Keywords);

public sealed record RegenerateRequest(string? Model, int? PromptId);

public sealed record PhotoIdsRequest(int[]? PhotoIds);

public sealed record CountResponse(int Approved);

public sealed record PromptView(int Id, string Name, string Text, int Version, bool IsDefault, bool IsActive, DateTimeOffset UpdatedAt);

public sealed record PromptRequest(string? Name, string? Text);

public sealed record PromptTestRequest(string? Text, int? PhotoId, string? Model);

public sealed record PromptTestResponse(string Description, IReadOnlyList<string> Keywords, int? PeopleCount, string? Setting,
    long InputTokens, long OutputTokens, decimal CostUsd, int LatencyMs, string Model);
