namespace TargetVision.Api.Features.Processing;

/// <summary>
/// Repairs photo statuses that disagree with the data: queued/processing with no live describe job (a cancelled
/// batch, a crash between writes), completed without a description, not processed although one exists.
/// </summary>
public sealed class StatusReconciler(PhotoStatusUpdater statuses)
{
    private const string Repair = """
        UPDATE photos p SET status = CASE WHEN EXISTS (SELECT 1 FROM photo_ai_versions v WHERE v.photo_id = p.id) THEN 'Completed' ELSE 'NotProcessed' END,
               status_error = NULL, status_changed_at = now()
        WHERE p.deleted_at IS NULL AND /*scope*/ AND (
            (p.status IN ('Queued', 'Processing') AND NOT EXISTS (
                SELECT 1 FROM jobs j WHERE j.kind = 'ai.describe' AND j.status IN ('Queued', 'Running') AND j.payload->>'photoId' = p.id::text))
            OR (p.status = 'Completed' AND NOT EXISTS (SELECT 1 FROM photo_ai_versions v WHERE v.photo_id = p.id))
            OR (p.status = 'NotProcessed' AND EXISTS (SELECT 1 FROM photo_ai_versions v WHERE v.photo_id = p.id)))
        RETURNING p.id, p.image_key, p.status
        """;

    public Task<int> ReconcileAllAsync(CancellationToken ct) => statuses.RepairAsync(Repair.Replace("/*scope*/", "TRUE", StringComparison.Ordinal), ct);

    /// <summary>Only the photos of one batch (after it was cancelled: its dropped jobs never ran to reset them).</summary>
    public Task<int> ReconcileBatchAsync(Guid batchId, CancellationToken ct) =>
        // A Guid formats as hex and dashes only, so inlining it cannot inject SQL.
        statuses.RepairAsync(Repair.Replace("/*scope*/",
            $"p.id::text IN (SELECT payload->>'photoId' FROM jobs WHERE batch_id = '{batchId:D}' AND kind = 'ai.describe')", StringComparison.Ordinal), ct);
}
