using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Pgvector;
using TargetVision.Api.Features.Ai;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Infrastructure.Jobs;

namespace TargetVision.Api.Features.Processing;

/// <summary>
/// Embeds a description version's text (description + keywords) for semantic search. Idempotent and order-safe:
/// an older version's job that runs late never replaces a newer version's embedding.
/// </summary>
public sealed class EmbedTextJobHandler(AppDbContext db, IEmbeddingGenerator<string, Embedding<float>> embedder, TimeProvider clock) : IJobHandler
{
    public async Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        var payload = context.PayloadAs<EmbedTextPayload>();
        var version = await db.Set<PhotoAiVersion>().AsNoTracking()
            .Where(v => v.PhotoId == payload.PhotoId && v.Version == payload.Version)
            .Select(v => new { v.Description, v.Keywords }).SingleOrDefaultAsync(cancellationToken);
        if (version is null)
        {
            // Deleted or replaced since: nothing left to embed.
            return new JobResult(new { skipped = "version no longer exists" });
        }
        var text = version.Keywords.Count > 0 ? $"{version.Description}\nKeywords: {string.Join(", ", version.Keywords)}" : version.Description;
        var vector = new Vector(await embedder.GenerateVectorAsync(text, cancellationToken: cancellationToken));
        var now = clock.GetUtcNow();
        var written = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO photo_text_embeddings (photo_id, model, ai_version, embedding, created_at)
            VALUES ({payload.PhotoId}, {LocalTextEmbedder.ModelId}, {payload.Version}, {vector}, {now})
            ON CONFLICT (photo_id, model) DO UPDATE SET ai_version = excluded.ai_version, embedding = excluded.embedding, created_at = excluded.created_at
            WHERE photo_text_embeddings.ai_version <= excluded.ai_version
            """, cancellationToken);
        return new JobResult(new { model = LocalTextEmbedder.ModelId, dimensions = LocalTextEmbedder.Dimensions, written });
    }
}
