using Microsoft.Extensions.AI;
using Npgsql;
using Pgvector;
using TargetVision.Api.Features.Ai;

namespace TargetVision.Tests.Search;

/// <summary>
/// Writes library rows the way sync and describe do (plain SQL into photos, albums, photo_ai_versions and
/// photo_text_embeddings, as the app's non-superuser role), so the search document triggers run for real.
/// </summary>
public sealed class SearchData(string connectionString, IEmbeddingGenerator<string, Embedding<float>>? embedder) : IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource = BuildDataSource(connectionString);
    private int serial;

    private static NpgsqlDataSource BuildDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseVector();
        return builder.Build();
    }

    public NpgsqlDataSource DataSource => dataSource;

    public async Task<int> AlbumAsync(string key, string name, string folder = "")
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO albums (album_key, name, keywords, folder_path, image_count, created_at, synced_at)
            VALUES (@key, @name, '{}', @folder, 0, now(), now()) RETURNING id
            """);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("folder", folder);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    public async Task<int> PhotoAsync(int albumId, string? title, DateTimeOffset? capturedAt = null, string[]? keywords = null,
        string? caption = null, string? fileName = null, bool video = false, string? workState = null)
    {
        var key = "img" + Interlocked.Increment(ref serial).ToString("D6", System.Globalization.CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..6];
        await using var command = dataSource.CreateCommand("""
            INSERT INTO photos (image_key, album_id, serial, file_name, title, caption, keywords, captured_at,
                                captured_at_is_upload_date, is_video, hidden, usable_sizes, work_state, synced_at, created_at)
            VALUES (@key, @album, 0, @file, @title, @caption, @keywords, @captured, false, @video, false, '{}', @state, now(), now())
            RETURNING id
            """);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("album", albumId);
        command.Parameters.AddWithValue("file", (object?)fileName ?? DBNull.Value);
        command.Parameters.AddWithValue("title", (object?)title ?? DBNull.Value);
        command.Parameters.AddWithValue("caption", (object?)caption ?? DBNull.Value);
        command.Parameters.AddWithValue("keywords", keywords ?? []);
        command.Parameters.AddWithValue("captured", NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)capturedAt ?? DBNull.Value);
        command.Parameters.AddWithValue("video", video);
        command.Parameters.AddWithValue("state", NpgsqlTypes.NpgsqlDbType.Varchar, (object?)workState ?? DBNull.Value);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A new AI version made current (as describe does) and, with the real MiniLM model, its text embedding.</summary>
    public async Task DescribeAsync(int photoId, string description, string[] keywords, bool approved = false, bool embed = true)
    {
        await using (var command = dataSource.CreateCommand("""
            INSERT INTO photo_ai_versions (photo_id, version, description, keywords, provider, model, input_tokens, output_tokens,
                                           cost_usd, latency_ms, approved, edited_by_user, created_at)
            SELECT @photo, coalesce(max(version), 0) + 1, @description, @keywords, 'anthropic', 'test', 0, 0, 0, 0, @approved, false, now()
            FROM photo_ai_versions WHERE photo_id = @photo
            RETURNING id
            """))
        {
            command.Parameters.AddWithValue("photo", photoId);
            command.Parameters.AddWithValue("description", description);
            command.Parameters.AddWithValue("keywords", keywords);
            command.Parameters.AddWithValue("approved", approved);
            var versionId = (long)(await command.ExecuteScalarAsync())!;
            await ExecuteAsync("UPDATE photos SET current_ai_version_id = @version, work_state = NULL WHERE id = @id", ("version", versionId), ("id", photoId));
        }
        if (embed && embedder is not null)
        {
            // The text EmbedTextJobHandler embeds: the description, then its keywords.
            var text = keywords.Length > 0 ? $"{description}\nKeywords: {string.Join(", ", keywords)}" : description;
            await EmbeddingAsync(photoId, (await embedder.GenerateVectorAsync(text)).ToArray());
        }
    }

    public async Task EmbeddingAsync(int photoId, float[] vector, string model = LocalTextEmbedder.ModelId)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO photo_text_embeddings (photo_id, model, ai_version, embedding, created_at)
            VALUES (@photo, @model, 1, @embedding, now())
            ON CONFLICT (photo_id, model) DO UPDATE SET embedding = excluded.embedding
            """);
        command.Parameters.AddWithValue("photo", photoId);
        command.Parameters.AddWithValue("model", model);
        command.Parameters.AddWithValue("embedding", new Vector(vector));
        await command.ExecuteNonQueryAsync();
    }

    public async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T?> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
