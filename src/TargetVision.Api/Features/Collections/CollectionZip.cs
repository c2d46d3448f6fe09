using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TargetVision.Api.Features.Library;
using TargetVision.Api.Infrastructure.Database;

namespace TargetVision.Api.Features.Collections;

/// <summary>
/// Writes a collection as a ZIP straight onto a stream (the HTTP response): each original is copied from SmugMug into
/// its entry as it arrives, in chunks, so memory stays flat whatever the collection's size. Entries are stored, not
/// deflated (JPEGs do not shrink). A photo that cannot be fetched is skipped and listed in <c>manifest.csv</c>, the
/// last entry, with the title, caption, keywords and description of every file. Cancelling (the browser went away)
/// stops at once: no further original is requested.
/// </summary>
public sealed class CollectionZipWriter(AppDbContext db, CollectionStore store, IPhotoImageSource images, ZipDownloadMonitor monitor, ILogger<CollectionZipWriter> logger)
{
    public const string ManifestName = "manifest.csv";

    private sealed record Row(Photo Photo, string? Description);

    public async Task WriteAsync(Collection collection, Stream output, CancellationToken ct)
    {
        monitor.Started();
        var written = 0;
        try
        {
            var rows = await LoadAsync(collection, ct);
            var names = new EntryNames();
            var manifest = new StringBuilder();
            Csv(manifest, ["file", "status", "photo_id", "image_key", "title", "caption", "keywords", "description"]);
            await using var sink = new AsyncWriteStream(output);
            await using (var zip = await ZipArchive.CreateAsync(sink, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8, ct))
            {
                foreach (var row in rows)
                {
                    ct.ThrowIfCancellationRequested();
                    var photo = row.Photo;
                    var status = "ok";
                    var file = "";
                    if (photo.DeletedAt is not null)
                    {
                        status = "missing: removed on SmugMug";
                    }
                    else
                    {
                        try
                        {
                            await using var original = await images.OpenOriginalAsync(photo, ct);
                            file = names.For(photo, original.ContentType);
                            var entry = zip.CreateEntry(file, CompressionLevel.NoCompression);
                            entry.LastWriteTime = photo.CapturedAt ?? photo.UploadedAt ?? collection.UpdatedAt;
                            await using (var target = await entry.OpenAsync(ct))
                            {
                                await original.Content.CopyToAsync(target, 81920, ct);
                            }
                            monitor.Fetched();
                            written++;
                        }
                        catch (PhotoImageUnavailableException e)
                        {
                            // An original that failed half-way leaves a short entry; the manifest says so.
                            status = (file.Length > 0 ? "incomplete: " : "missing: ") + e.Message;
                            logger.LogWarning("ZIP of collection {CollectionId}: photo {PhotoId} unavailable: {Reason}", collection.Id, photo.Id, e.Message);
                        }
                    }
                    Csv(manifest, [file, status, photo.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), photo.ImageKey,
                        photo.Title ?? "", photo.Caption ?? "", string.Join("; ", photo.Keywords), row.Description ?? ""]);
                }
                var manifestEntry = zip.CreateEntry(names.Reserve(ManifestName), CompressionLevel.Optimal);
                await using var manifestStream = await manifestEntry.OpenAsync(ct);
                // A BOM so spreadsheet programs read the UTF-8 names correctly.
                await manifestStream.WriteAsync(Encoding.UTF8.GetPreamble(), ct);
                await manifestStream.WriteAsync(Encoding.UTF8.GetBytes(manifest.ToString()), ct);
            }
            await sink.FlushAsync(ct);
            monitor.Completed();
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // However the abort surfaces (cancelled read, reset connection while writing), the download is over.
            monitor.Aborted();
            logger.LogInformation("ZIP of collection {CollectionId} stopped by the client after {Written} files", collection.Id, written);
            throw;
        }
    }

    private async Task<List<Row>> LoadAsync(Collection collection, CancellationToken ct)
    {
        var members = await store.Ordered(collection.Id, collection.OrderMode).Select(m => m.Photo!).ToListAsync(ct);
        var ids = members.Select(p => p.Id).ToArray();
        // The current description is Processing's data; read in SQL through Library's pointer (as Search does).
        var descriptions = await db.Database.SqlQuery<DescriptionRow>($"""
            SELECT p.id AS photo_id, v.description
            FROM photos p JOIN photo_ai_versions v ON v.id = p.current_ai_version_id
            WHERE p.id = ANY({ids})
            """).ToDictionaryAsync(d => d.PhotoId, d => d.Description, ct);
        return [.. members.Select(p => new Row(p, descriptions.GetValueOrDefault(p.Id)))];
    }

    private sealed record DescriptionRow(int PhotoId, string? Description);

    /// <summary>RFC 4180 fields; a leading = + - @ is neutralised so a spreadsheet never runs a title as a formula.</summary>
    private static void Csv(StringBuilder sb, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var raw in fields)
        {
            if (!first)
            {
                sb.Append(',');
            }
            first = false;
            var value = raw.Length > 0 && raw[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + raw : raw;
            sb.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        sb.Append("\r\n");
    }
}

/// <summary>Unique, safe entry names: title or original file name, no folders, no control or reserved characters.</summary>
public sealed class EntryNames
{
    private readonly HashSet<string> used = new(StringComparer.OrdinalIgnoreCase);

    public string For(Photo photo, string contentType)
    {
        var fileExt = Path.GetExtension(photo.FileName ?? "");
        var ext = fileExt.Length is > 1 and <= 6 ? fileExt.ToLowerInvariant() : contentType switch
        {
            "image/png" => ".png",
            "image/gif" => ".gif",
            "image/heic" => ".heic",
            "image/webp" => ".webp",
            "video/mp4" => ".mp4",
            _ => ".jpg",
        };
        var stem = !string.IsNullOrWhiteSpace(photo.Title) ? photo.Title
            : !string.IsNullOrWhiteSpace(photo.FileName) ? Path.GetFileNameWithoutExtension(photo.FileName)
            : photo.ImageKey;
        return Reserve(Clean(stem) + ext);
    }

    public string Reserve(string name)
    {
        var stem = Path.GetFileNameWithoutExtension(name);
        var ext = Path.GetExtension(name);
        var candidate = name;
        for (var n = 2; !used.Add(candidate); n++)
        {
            candidate = $"{stem} ({n}){ext}";
        }
        return candidate;
    }

    private static string Clean(string stem)
    {
        var sb = new StringBuilder(stem.Length);
        foreach (var c in stem.Normalize(NormalizationForm.FormC))
        {
            sb.Append(char.IsControl(c) || c is '/' or '\\' or ':' or '"' or '*' or '?' or '<' or '>' or '|' ? '_' : c);
        }
        var cleaned = sb.ToString().Trim().Trim('.').Trim();
        if (cleaned.Length > 120)
        {
            cleaned = cleaned[..120].Trim();
        }
        return cleaned.Length == 0 || cleaned is "." or ".." ? "photo" : cleaned;
    }
}

/// <summary>Counts ZIP downloads by outcome (metrics, and tests that need to know a download ended).</summary>
public sealed class ZipDownloadMonitor
{
    private long started, completed, aborted, fetched;

    public long StartedCount => Interlocked.Read(ref started);
    public long CompletedCount => Interlocked.Read(ref completed);
    public long AbortedCount => Interlocked.Read(ref aborted);
    public long FetchedCount => Interlocked.Read(ref fetched);

    public void Started() => Interlocked.Increment(ref started);
    public void Completed() => Interlocked.Increment(ref completed);
    public void Aborted() => Interlocked.Increment(ref aborted);
    public void Fetched() => Interlocked.Increment(ref fetched);
}

/// <summary>
/// Lets ZipArchive write to a response that only allows asynchronous I/O: the few small synchronous writes it still
/// makes (entry headers) are held and sent with the next asynchronous write or flush; bulk data goes straight through.
/// </summary>
internal sealed class AsyncWriteStream(Stream inner) : Stream
{
    private readonly MemoryStream pending = new();
    private long position;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => position; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count)
    {
        pending.Write(buffer, offset, count);
        position += count;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await DrainAsync(cancellationToken);
        await inner.WriteAsync(buffer, cancellationToken);
        position += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await DrainAsync(cancellationToken);
        await inner.FlushAsync(cancellationToken);
    }

    private async ValueTask DrainAsync(CancellationToken ct)
    {
        if (pending.Length > 0)
        {
            await inner.WriteAsync(pending.GetBuffer().AsMemory(0, (int)pending.Length), ct);
            pending.SetLength(0);
        }
    }

    // Synchronous flushes (ZipArchive calls them) wait for the next asynchronous one.
    public override void Flush() { }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await DrainAsync(CancellationToken.None);
        }
        finally
        {
            await pending.DisposeAsync();
            await base.DisposeAsync();
        }
    }
}
