using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pgvector;
using TargetVision.Api.Features.Library;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Infrastructure.Jobs;
using TargetVision.Api.Integrations.Onnx;

namespace TargetVision.Api.Features.Visual;

/// <summary>
/// Embeds a batch of photos: fetch each rendition (through the library's image source and its cache), preprocess,
/// one inference for the batch, upsert. Idempotent: photos already embedded from the same pixels are skipped, so a
/// retried job only does what is left. One unreadable photo is reported, not fatal to the rest.
/// </summary>
public sealed class EmbedImageJobHandler(
    AppDbContext db, IPhotoImageSource images, VisualModel model, IOptions<VisualOptions> options, TimeProvider clock) : IJobHandler
{
    public async Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        var payload = context.PayloadAs<EmbedImagePayload>();
        if (!model.Enabled)
        {
            return new JobResult(new { skipped = "visual search is off or no model is installed" });
        }
        OnnxImageEncoder encoder;
        try
        {
            encoder = model.ImageEncoder();
        }
        catch (VisualUnavailableException ex)
        {
            throw new PermanentJobException(ex.Message, ex);
        }
        var ids = payload.PhotoIds.Distinct().ToArray();
        var photos = await db.Set<Photo>().AsNoTracking().Where(p => ids.Contains(p.Id) && p.DeletedAt == null && !p.IsVideo).ToListAsync(cancellationToken);
        var done = await db.Set<ImageEmbedding>().AsNoTracking().Where(e => ids.Contains(e.PhotoId) && e.Model == model.ModelId)
            .ToDictionaryAsync(e => e.PhotoId, e => e.SourceStamp, cancellationToken);
        var todo = photos.Where(p => !done.TryGetValue(p.Id, out var stamp) || stamp != ImageEmbedding.StampOf(p)).ToList();

        var preprocessor = encoder.Preprocessor;
        var tensors = new float[preprocessor.TensorLength * todo.Count];
        var ready = new List<Photo>(todo.Count);
        var skipped = new List<object>();
        foreach (var photo in todo)
        {
            try
            {
                var image = await images.GetImageAsync(photo, options.Value.ImageLongEdge, cancellationToken);
                preprocessor.Preprocess(image.Bytes, tensors.AsSpan(ready.Count * preprocessor.TensorLength, preprocessor.TensorLength));
                ready.Add(photo);
            }
            catch (PhotoImageUnavailableException ex) when (ex.IsTransient)
            {
                // The rest of the batch waits for the retry; what was embedded before is skipped then.
                throw ex.ForQueue();
            }
            catch (Exception ex) when (ex is PhotoImageUnavailableException or ImageDecodeException)
            {
                skipped.Add(new { photoId = photo.Id, reason = ex.Message });
            }
        }
        var written = 0;
        if (ready.Count > 0)
        {
            var vectors = await Task.Run(() => encoder.Embed(tensors, ready.Count), cancellationToken);
            var now = clock.GetUtcNow();
            for (var i = 0; i < ready.Count; i++)
            {
                var stamp = ImageEmbedding.StampOf(ready[i]);
                written += await db.Database.ExecuteSqlInterpolatedAsync($"""
                    INSERT INTO image_embeddings (photo_id, model, source_stamp, embedding, created_at)
                    VALUES ({ready[i].Id}, {model.ModelId}, {stamp}, {new Vector(vectors[i])}, {now})
                    ON CONFLICT (photo_id, model) DO UPDATE SET source_stamp = excluded.source_stamp, embedding = excluded.embedding, created_at = excluded.created_at
                    """, cancellationToken);
            }
        }
        if (ready.Count == 0 && skipped.Count > 0 && skipped.Count == todo.Count)
        {
            throw new PermanentJobException($"No photo of the batch could be read: {skipped.Count} unreadable.");
        }
        return new JobResult(new { model = model.ModelId, embedded = written, alreadyCurrent = photos.Count - todo.Count, skipped });
    }
}

/// <summary>The follow-up of an album sync: plans embedding for the album's new and changed photos.</summary>
public sealed class EmbedAlbumJobHandler(AppDbContext db, VisualModel model, EmbeddingPlanner planner, JobQueue queue) : IJobHandler
{
    public async Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        var payload = context.PayloadAs<EmbedAlbumPayload>();
        if (!model.Enabled)
        {
            return new JobResult(new { skipped = "visual search is off or no model is installed" });
        }
        var albumId = await db.Set<Album>().Where(a => a.AlbumKey == payload.AlbumKey).Select(a => (int?)a.Id).SingleOrDefaultAsync(cancellationToken);
        if (albumId is null)
        {
            return new JobResult(new { skipped = "album no longer exists" });
        }
        var jobs = await planner.PlanAsync(albumId, cancellationToken);
        var queued = 0;
        foreach (var job in jobs)
        {
            queued += await queue.EnqueueAsync(EmbedImagePayload.Kind, job.Payload, job.IdempotencyKey, cancellationToken) ? 1 : 0;
        }
        return new JobResult(new { queued });
    }
}
