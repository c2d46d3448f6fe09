using System.Net;
using Microsoft.Extensions.DependencyInjection;
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
