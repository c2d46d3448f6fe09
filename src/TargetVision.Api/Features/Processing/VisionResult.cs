namespace TargetVision.Api.Features.Processing;

/// <summary>What a provider answered for one photo, already normalised, with the usage it billed.</summary>
public sealed record VisionResult(
    string Description, IReadOnlyList<string> Keywords, int? PeopleCount, string? Setting,
    long InputTokens, long OutputTokens, string Model);
