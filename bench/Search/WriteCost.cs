using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TargetVision.Api.Features.Library;
using TargetVision.Api.Infrastructure.Database;

namespace SearchBench;

/// <summary>
/// What keeping search current costs the writers: sync's EF upserts (one INSERT or UPDATE statement per photo, one
/// transaction per SaveChanges) and describe's per-photo transaction, with the search triggers as shipped (queue, one
/// refresh at commit), as they were first built (a refresh per statement), and without any.
/// </summary>
public static class WriteCost
{
    private const string PerStatement = """
        CREATE OR REPLACE FUNCTION search_photos_inserted() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN PERFORM search_refresh(ARRAY(SELECT id FROM new_rows)); RETURN NULL; END $fn$;
        CREATE OR REPLACE FUNCTION search_photos_updated() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            PERFORM search_refresh(ARRAY(
                SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                WHERE (n.title, n.caption, n.keywords, n.file_name, n.album_id, n.current_ai_version_id)
                      IS DISTINCT FROM (o.title, o.caption, o.keywords, o.file_name, o.album_id, o.current_ai_version_id)));
            RETURN NULL;
        END $fn$;
        CREATE OR REPLACE FUNCTION search_ai_versions_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                PERFORM search_refresh(ARRAY(SELECT DISTINCT photo_id FROM new_rows));
            ELSIF TG_OP = 'UPDATE' THEN
                PERFORM search_refresh(ARRAY(SELECT photo_id FROM new_rows UNION SELECT photo_id FROM old_rows));
            ELSE
                PERFORM search_refresh(ARRAY(SELECT DISTINCT photo_id FROM old_rows));
            END IF;
            RETURN NULL;
        END $fn$;
        """;

    public static async Task RunAsync(IServiceProvider services, NpgsqlDataSource dataSource, string adminConnectionString, int[] sizes, int rounds)
    {
        // The shipped trigger functions, to put back after the per-statement round.
        var shipped = new List<string>();
        await using (var read = dataSource.CreateCommand("""
            SELECT pg_get_functiondef(p.oid) FROM pg_proc p
            WHERE p.proname IN ('search_photos_inserted', 'search_photos_updated', 'search_ai_versions_changed')
            """))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                shipped.Add(reader.GetString(0));
            }
        }
        var configurations = new (string Name, Func<Task> Apply)[]
        {
            ("queued, one refresh at commit", async () =>
            {
                foreach (var definition in shipped)
                {
                    await Sql(dataSource, definition);
                }
                await Triggers(adminConnectionString, true);
            }),
            ("a refresh per statement", async () =>
            {
                await Sql(dataSource, PerStatement);
                await Triggers(adminConnectionString, true);
            }),
            ("no search triggers", () => Triggers(adminConnectionString, false)),
        };
        Console.WriteLine();
        Console.WriteLine("Writes with the search triggers (EF SaveChanges: one statement per photo, one transaction; describe: one transaction per photo).");
        Console.WriteLine();
        Console.WriteLine("| triggers | photos | round | insert ms | update title ms | update sync stamp ms | describe µs/photo |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var size in sizes)
            {
                foreach (var (name, apply) in round % 2 == 1 ? configurations : configurations.Reverse())
                {
                    await apply();
                    var times = await OneAsync(services, dataSource, size);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {name} | {size:N0} | {round} | {times[0]:F0} | {times[1]:F0} | {times[2]:F0} | {times[3]:F0} |"));
                }
            }
        }
        foreach (var definition in shipped)
        {
            await Sql(dataSource, definition);
        }
        await Triggers(adminConnectionString, true);
    }

    private static async Task<double[]> OneAsync(IServiceProvider services, NpgsqlDataSource dataSource, int size)
    {
        var times = new double[4];
        var now = DateTimeOffset.UtcNow;
        var album = new Album { AlbumKey = "write-" + Guid.NewGuid().ToString("N")[..8], Name = "Write cost", FolderPath = "Bench", CreatedAt = now, SyncedAt = now };
        List<int> ids;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Add(album);
            await db.SaveChangesAsync();
            var photos = Enumerable.Range(0, size).Select(i => new Photo
            {
                ImageKey = $"{album.AlbumKey}-{i}",
                AlbumId = album.Id,
                Serial = i,
                FileName = $"IMG_{i}.jpg",
                Title = $"Red barn {i}",
                Caption = "A quiet morning on the farm",
                Keywords = ["barn", "farm"],
                CapturedAt = now.AddDays(-i),
                SyncedAt = now,
                CreatedAt = now,
                StatusChangedAt = now,
            }).ToList();
            db.AddRange(photos);
            var watch = Stopwatch.StartNew();
            await db.SaveChangesAsync();
            times[0] = watch.Elapsed.TotalMilliseconds;

            foreach (var photo in photos)
            {
                photo.Title = $"Blue barn {photo.Serial}";
            }
            watch.Restart();
            await db.SaveChangesAsync();
            times[1] = watch.Elapsed.TotalMilliseconds;

            foreach (var photo in photos)
            {
                photo.SyncedAt = now.AddMinutes(1);
            }
            watch.Restart();
            await db.SaveChangesAsync();
            times[2] = watch.Elapsed.TotalMilliseconds;
            ids = photos.Select(p => p.Id).ToList();
        }

        // Describe: a new version and the photo pointed at it, one transaction per photo (AiVersionWriter's shape).
        var described = ids.Take(Math.Min(size, 1000)).ToList();
        var describe = Stopwatch.StartNew();
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            foreach (var id in described)
            {
                await using var transaction = await connection.BeginTransactionAsync();
                await using var batch = new NpgsqlBatch(connection, transaction)
                {
                    BatchCommands =
                    {
                        new NpgsqlBatchCommand("""
                            INSERT INTO photo_ai_versions (photo_id, version, description, keywords, provider, model, input_tokens, output_tokens,
                                                           cost_usd, latency_ms, approved, edited_by_user, created_at)
                            VALUES (@id, 1, 'A red barn under snow at dawn, with a dog nearby.', ARRAY['barn', 'snow'], 'anthropic', 'bench',
                                    0, 0, 0, 0, false, false, now())
                            """) { Parameters = { new NpgsqlParameter("id", id) } },
                        new NpgsqlBatchCommand("UPDATE photos SET current_ai_version_id = (SELECT max(id) FROM photo_ai_versions WHERE photo_id = @id) WHERE id = @id")
                        {
                            Parameters = { new NpgsqlParameter("id", id) },
                        },
                    },
                };
                await batch.ExecuteNonQueryAsync();
                await transaction.CommitAsync();
            }
        }
        times[3] = describe.Elapsed.TotalMilliseconds * 1000 / described.Count;

        await Sql(dataSource, $"UPDATE photos SET current_ai_version_id = NULL WHERE album_id = {album.Id}; " +
                              $"DELETE FROM photo_ai_versions v USING photos p WHERE p.id = v.photo_id AND p.album_id = {album.Id}; " +
                              $"DELETE FROM photos WHERE album_id = {album.Id}; DELETE FROM albums WHERE id = {album.Id}");
        return times;
    }

    private static async Task Triggers(string adminConnectionString, bool enabled)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        var verb = enabled ? "ENABLE" : "DISABLE";
        await using var command = new NpgsqlCommand(
            $"ALTER TABLE photos {verb} TRIGGER search_photos_inserted; ALTER TABLE photos {verb} TRIGGER search_photos_updated; " +
            $"ALTER TABLE photo_ai_versions {verb} TRIGGER search_ai_versions_inserted", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task Sql(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }
}
