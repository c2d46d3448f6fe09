using Npgsql;
using Pgvector;

namespace TargetVision.Tests.Visual;

/// <summary>
/// The app with a generated 512-d CLIP-shaped model pair (and the tokenizer fixture) in its models directory, and
/// helpers to write image embeddings with chosen vectors, so similarity, duplicates and coverage are checked on
/// known geometry.
/// </summary>
public class VisualFixture : AppFixture
{
    public const string ModelId = "test-clip";
    public string ModelsDirectory { get; } = Directory.CreateTempSubdirectory("tv-visual-").FullName;

    protected override IDictionary<string, string?> Settings => VisualSettings(ModelsDirectory, ModelId);

    public static Dictionary<string, string?> VisualSettings(string directory, string modelId) => new()
    {
        ["Visual:ModelsDirectory"] = directory,
        ["Visual:Model:Id"] = modelId,
        ["Visual:Model:StartToken"] = "525",
        ["Visual:Model:EndToken"] = "526",
        ["Visual:Model:PadToken"] = "526",
        ["Visual:Threads"] = "1",
    };

    /// <summary>Writes the default descriptor's files: tiny image and text models, the fixture vocabulary and merges.</summary>
    public static void InstallTinyClip(string directory)
    {
        var clip = Path.Combine(directory, "clip-vit-base-patch32");
        Directory.CreateDirectory(clip);
        File.WriteAllBytes(Path.Combine(clip, "vision_model.onnx"), TinyOnnxModels.Image(512));
        File.WriteAllBytes(Path.Combine(clip, "text_model.onnx"), TinyOnnxModels.Text(512));
        var fixtures = Path.Combine(AppContext.BaseDirectory, "Visual", "Fixtures");
        File.Copy(Path.Combine(fixtures, "vocab.json"), Path.Combine(clip, "vocab.json"), overwrite: true);
        File.Copy(Path.Combine(fixtures, "merges.txt"), Path.Combine(clip, "merges.txt"), overwrite: true);
    }

    public override async Task InitializeAsync()
    {
        InstallTinyClip(ModelsDirectory);
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(ModelsDirectory, recursive: true);
    }

    /// <summary>A unit vector pointing mostly along <paramref name="axis"/>, tilted towards <paramref name="tiltAxis"/>.</summary>
    public static float[] Direction(int axis, double tilt = 0, int tiltAxis = 511)
    {
        var v = new float[512];
        v[axis] = (float)Math.Cos(tilt);
        v[tiltAxis] += (float)Math.Sin(tilt);
        return v;
    }

    public async Task EmbedAsync(int photoId, float[] vector, string? model = null, string? stamp = null)
    {
        await using var dataSource = new NpgsqlDataSourceBuilder(Database.ConnectionString).UseVectorAnd();
        await using var command = dataSource.CreateCommand("""
            INSERT INTO image_embeddings (photo_id, model, source_stamp, embedding, created_at)
            SELECT @id, @model, coalesce(@stamp, coalesce(p.archived_md5, '') || ':' || p.serial), @v, now() FROM photos p WHERE p.id = @id
            ON CONFLICT (photo_id, model) DO UPDATE SET embedding = excluded.embedding, source_stamp = excluded.source_stamp
            """);
        command.Parameters.AddWithValue("id", photoId);
        command.Parameters.AddWithValue("model", model ?? ModelId);
        command.Parameters.Add(new NpgsqlParameter("stamp", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)stamp ?? DBNull.Value });
        command.Parameters.AddWithValue("v", new Vector(vector));
        await command.ExecuteNonQueryAsync();
    }
}

internal static class DataSourceBuilderExtensions
{
    public static NpgsqlDataSource UseVectorAnd(this NpgsqlDataSourceBuilder builder)
    {
        builder.UseVector();
        return builder.Build();
    }
}
