using Npgsql;

namespace TargetVision.Tests.Search;

/// <summary>The search migration as production runs it: the app's non-superuser role owns the database.</summary>
public sealed class SearchMigrationTests
{
    [Fact]
    public async Task The_owner_role_creates_pg_trgm_and_unaccent_itself_and_the_language_option_rebuilds_documents()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync(installVector: false);
        // Only pgvector needs a superuser (it is not trusted); the search extensions must come from the migration.
        await using (var admin = new NpgsqlConnection(database.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE EXTENSION vector", admin);
            await create.ExecuteNonQueryAsync();
        }
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM pg_extension WHERE extname IN ('pg_trgm', 'unaccent')"));

        await using (var app = new TargetVisionApp(database))
        {
            _ = app.Server;
        }
        Assert.Equal(2L, await database.ScalarAsync<long>("SELECT count(*) FROM pg_extension WHERE extname IN ('pg_trgm', 'unaccent')"));
        Assert.Equal(TestPostgres.AppRole, await database.ScalarAsync<string>(
            "SELECT r.rolname::text FROM pg_extension e JOIN pg_roles r ON r.oid = e.extowner WHERE e.extname = 'unaccent'"));

        await using (var data = new SearchData(database.ConnectionString, embedder: null))
        {
            var album = await data.AlbumAsync("lang", "Voyages");
            var photo = await data.PhotoAsync(album, "Chevaux dans les prés");
            var english = await data.ScalarAsync<string>("SELECT document::text FROM search_documents WHERE photo_id = @id", ("id", photo));
            Assert.Contains("'chevaux':1A", english, StringComparison.Ordinal); // English does not know French plurals
            Assert.Contains("'dan':2A", english, StringComparison.Ordinal); // nor French stop words
            Assert.Contains("'pres':4A", english, StringComparison.Ordinal); // accents folded

            await using (var french = new TargetVisionApp(database, new Dictionary<string, string?> { ["Search:TextSearchConfiguration"] = "french" }))
            {
                _ = french.Server;
            }
            // French stems and stop words now, accents still folded: the whole library was rebuilt at start.
            var rebuilt = await data.ScalarAsync<string>("SELECT document::text FROM search_documents WHERE photo_id = @id", ("id", photo));
            Assert.Contains("'cheval':1A", rebuilt, StringComparison.Ordinal);
            Assert.DoesNotContain("'dan'", rebuilt, StringComparison.Ordinal);
            Assert.DoesNotContain("é", rebuilt, StringComparison.Ordinal);
        }
    }
}
