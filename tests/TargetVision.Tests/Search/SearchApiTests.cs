using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TargetVision.Api.Features.Search;

namespace TargetVision.Tests.Search;

/// <summary>Bad input, authentication, and search documents that follow every change to their sources.</summary>
public sealed class SearchApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("q=barn&mode=fuzzy", "mode")]
    [InlineData("q=barn&mode=1", "mode")]
    [InlineData("from=2019-13-01", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2020-01-02&to=2020-01-01", "to")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("status=done", "status")]
    [InlineData("approved=maybe", "approved")]
    [InlineData("hasDescription=2", "hasDescription")]
    [InlineData("media=gif", "media")]
    [InlineData("keywordMode=some", "keywordMode")]
    [InlineData("q=bar%00n", "q")]
    [InlineData("q=bar%07n", "q")]
    [InlineData("q=bar%1Fn", "q")]
    [InlineData("keyword=a%00b", "keyword")]
    public async Task Bad_input_is_a_problem_naming_the_field(string query, string field)
    {
        using var session = await fixture.OwnerSessionAsync();
        var response = await session.Client.GetAsync(new Uri("/api/search?" + query, UriKind.Relative));
        await ProblemAssert.IsValidationProblem(response, field);
    }

    [Fact]
    public async Task A_query_over_500_characters_is_refused_and_500_is_accepted()
    {
        using var session = await fixture.OwnerSessionAsync();
        var tooLong = await session.Client.GetAsync(new Uri("/api/search?q=" + new string('a', 501), UriKind.Relative));
        await ProblemAssert.IsValidationProblem(tooLong, "q");
        var longest = await session.Client.GetAsync(new Uri("/api/search?q=" + string.Join("%20", Enumerable.Repeat("abcd", 100)), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, longest.StatusCode);
    }

    [Theory]
    [InlineData("q=%22unbalanced")]
    [InlineData("q=-")]
    [InlineData("q=or%20or%20or")]
    [InlineData("q=%26%7C!():*%3C-%3E")]
    [InlineData("q=the")]
    [InlineData("q=%F0%9F%93%B7%20%E6%9D%B1%E4%BA%AC")]
    public async Task Odd_query_syntax_never_fails(string query)
    {
        using var session = await fixture.OwnerSessionAsync();
        var response = await session.Client.GetAsync(new Uri("/api/search?" + query, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Search_requires_a_signed_in_owner()
    {
        using var anonymous = fixture.App.CreateSession();
        var response = await anonymous.Client.GetAsync(new Uri("/api/search?q=barn", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_document_follows_description_title_keyword_and_album_changes()
    {
        await using var data = new SearchData(fixture.Database.ConnectionString, embedder: null);
        var album = await data.AlbumAsync("docs1", "Safari", "Travel / Africa");
        var photo = await data.PhotoAsync(album, "Grassland", keywords: ["savanna"]);
        using var session = await fixture.OwnerSessionAsync();

        async Task<bool> Finds(string words)
        {
            var json = await session.GetJsonAsync("/api/search?mode=text&q=" + Uri.EscapeDataString(words));
            return json.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("photoId").GetInt32() == photo
                && i.GetProperty("matched").EnumerateArray().Any(m => m.GetProperty("signal").GetString() == "text"));
        }

        Assert.True(await Finds("grassland"));
        Assert.True(await Finds("africa"));
        Assert.False(await Finds("giraffe"));

        await data.DescribeAsync(photo, "A giraffe stretches to eat leaves from an acacia tree.", ["giraffe"], embed: false);
        Assert.True(await Finds("giraffe"));
        Assert.True(await Finds("acacia"));

        await data.DescribeAsync(photo, "An okapi hides in the forest shade.", ["okapi"], embed: false);
        Assert.True(await Finds("okapi"));
        Assert.False(await Finds("acacia")); // only the current description counts

        // Restoring the previous version moves the Library's pointer; search follows the pointer, not the newest row.
        await data.ExecuteAsync("""
            UPDATE photos SET current_ai_version_id = (SELECT id FROM photo_ai_versions WHERE photo_id = @id AND version = 1)
            WHERE id = @id
            """, ("id", photo));
        Assert.True(await Finds("acacia"));
        Assert.False(await Finds("okapi"));
        await data.ExecuteAsync("DELETE FROM photo_ai_versions WHERE photo_id = @id AND version = 2", ("id", photo));
        Assert.True(await Finds("acacia")); // a version that is not current never counted

        await data.ExecuteAsync("UPDATE photos SET title = 'Waterhole', keywords = '{zebra}' WHERE id = @id", ("id", photo));
        Assert.True(await Finds("waterhole"));
        Assert.True(await Finds("zebra"));
        Assert.False(await Finds("grassland"));

        await data.ExecuteAsync("UPDATE albums SET name = 'Serengeti', folder_path = 'Trips / Tanzania' WHERE id = @id", ("id", album));
        Assert.True(await Finds("serengeti"));
        Assert.True(await Finds("tanzania"));
        Assert.False(await Finds("safari"));

        var approved = await session.GetJsonAsync("/api/search?approved=true&album=docs1");
        Assert.Equal(0, approved.GetProperty("total").GetInt32());
        await data.ExecuteAsync("UPDATE photo_ai_versions SET approved = true WHERE photo_id = @id", ("id", photo));
        approved = await session.GetJsonAsync("/api/search?approved=true&album=docs1");
        Assert.Equal(1, approved.GetProperty("total").GetInt32());

        // Deleting the current version clears the pointer (ON DELETE SET NULL), and with it the description.
        await data.ExecuteAsync("DELETE FROM photo_ai_versions WHERE photo_id = @id", ("id", photo));
        Assert.False(await Finds("acacia"));
        approved = await session.GetJsonAsync("/api/search?approved=true&album=docs1");
        Assert.Equal(0, approved.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Filter_columns_follow_moves_dates_media_and_deletion_refreshed_once_when_the_transaction_commits()
    {
        await using var data = new SearchData(fixture.Database.ConnectionString, embedder: null);
        var first = await data.AlbumAsync("moves1", "Before");
        var second = await data.AlbumAsync("moves2", "After", "Archive / Moved");
        var photo = await data.PhotoAsync(first, "Lighthouse", new DateTimeOffset(2018, 6, 1, 12, 0, 0, TimeSpan.Zero));
        using var session = await fixture.OwnerSessionAsync();

        async Task<int> Total(string query) => (await session.GetJsonAsync("/api/search?" + query)).GetProperty("total").GetInt32();
        Task<string?> Document() => data.ScalarAsync<string>(
            "SELECT album_key || ' ' || extract(year FROM captured_at)::text || ' ' || is_video::text FROM search_documents WHERE photo_id = @id",
            ("id", photo));

        Assert.Equal(1, await Total("album=moves1&from=2018-01-01&to=2018-12-31&media=photo"));

        // Sync writes a statement per photo and field: nothing is refreshed until the transaction commits, then once.
        await using (var connection = await data.DataSource.OpenConnectionAsync())
        {
            await using var transaction = await connection.BeginTransactionAsync();
            foreach (var sql in new[]
            {
                "UPDATE photos SET captured_at = '2021-03-04T05:06:07Z' WHERE id = @id",
                "UPDATE photos SET is_video = true WHERE id = @id",
                "UPDATE photos SET album_id = @album WHERE id = @id",
            })
            {
                await using var command = new NpgsqlCommand(sql, connection, transaction);
                command.Parameters.AddWithValue("id", photo);
                command.Parameters.AddWithValue("album", second);
                await command.ExecuteNonQueryAsync();
            }
            await using (var queued = new NpgsqlCommand("SELECT count(*) FROM search_queue WHERE photo_id = @id", connection, transaction))
            {
                queued.Parameters.AddWithValue("id", photo);
                Assert.Equal(3L, await queued.ExecuteScalarAsync());
            }
            Assert.Equal("moves1 2018 false", await Document());
            await transaction.CommitAsync();
        }
        Assert.Equal("moves2 2021 true", await Document());
        Assert.Equal(0L, await data.ScalarAsync<long>("SELECT count(*) FROM search_queue"));
        Assert.Equal(0, await Total("album=moves1"));
        Assert.Equal(1, await Total("folder=Archive&media=video&from=2021-01-01&to=2021-12-31"));

        // A rolled-back change leaves neither a queued id nor a changed document.
        await using (var connection = await data.DataSource.OpenConnectionAsync())
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using var command = new NpgsqlCommand("UPDATE photos SET captured_at = '2010-01-01Z' WHERE id = @id", connection, transaction);
            command.Parameters.AddWithValue("id", photo);
            await command.ExecuteNonQueryAsync();
            await transaction.RollbackAsync();
        }
        Assert.Equal("moves2 2021 true", await Document());
        Assert.Equal(0L, await data.ScalarAsync<long>("SELECT count(*) FROM search_queue"));

        // A deleted photo has no document, so no search or listing sees it; restored, it is found again.
        await data.ExecuteAsync("UPDATE photos SET deleted_at = now() WHERE id = @id", ("id", photo));
        Assert.Null(await Document());
        Assert.Equal(0, await Total("album=moves2"));
        Assert.Equal(0, await Total("album=moves2&mode=text&q=lighthouse"));
        await data.ExecuteAsync("UPDATE photos SET deleted_at = NULL WHERE id = @id", ("id", photo));
        Assert.Equal("moves2 2021 true", await Document());
        Assert.Equal(1, await Total("album=moves2&mode=text&q=lighthouse"));
    }

    [Fact]
    public async Task The_migration_created_the_trusted_extensions_and_the_language_setting_applies()
    {
        // The harness pre-installs only what a superuser must; see SearchMigrationTests for a database without them.
        var config = await fixture.Database.ScalarAsync<string>(
            "SELECT d.dictname::text FROM pg_ts_config_map m JOIN pg_ts_dict d ON d.oid = m.mapdict " +
            "WHERE m.mapcfg = 'tv_search'::regconfig ORDER BY m.maptokentype, m.mapseqno LIMIT 1");
        Assert.Equal("english_stem", config);
        var options = fixture.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SearchOptions>>().Value;
        Assert.Equal("english", options.TextSearchConfiguration);
    }
}
