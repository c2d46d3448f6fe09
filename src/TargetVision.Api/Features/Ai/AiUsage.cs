using TargetVision.Api.Infrastructure.Database;

namespace TargetVision.Api.Features.Ai;

/// <summary>One paid call's usage as the report counts it; priced by the model table.</summary>
public sealed record AiCall(AiModel Model, long InputTokens, long OutputTokens, int LatencyMs)
{
    public decimal CostUsd => Model.Cost(InputTokens, OutputTokens);

    public AiUsageRecord ToRecord(string purpose, int? photoId, DateTimeOffset now) => new()
    {
        Provider = Model.Provider,
        Model = Model.Id,
        Purpose = purpose,
        PhotoId = photoId,
        InputTokens = InputTokens,
        OutputTokens = OutputTokens,
        CostUsd = CostUsd,
        LatencyMs = LatencyMs,
        CreatedAt = now,
    };
}

/// <summary>
/// Records paid calls for /api/ai/usage. Callers that save results add the record to their own transaction
/// (<see cref="AiCall.ToRecord"/>); calls that save nothing (prompt and key tests) record here.
/// </summary>
public sealed class AiUsageRecorder(AppDbContext db, TimeProvider clock)
{
    public async Task RecordAsync(AiCall call, string purpose, int? photoId, CancellationToken ct)
    {
        db.Add(call.ToRecord(purpose, photoId, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
    }
}
