using System.Globalization;
using System.Text.Json;

namespace TargetVision.Tests.Search;

/// <summary>Query syntax, typo fallback, accents, snippets, facets, filters in every mode and stable paging.</summary>
public sealed class SearchQueryTests(RelevanceFixture fixture) : IClassFixture<RelevanceFixture>
{
    private int Id(string reference) => fixture.Ids[reference];

    [Fact]
    public async Task Quoted_phrase_matches_words_in_that_order_only()
    {
        var phrase = await fixture.SearchAsync(RelevanceFixture.Q("\"red barn\"") + "&mode=text");
        Assert.Contains(Id("barn"), phrase.PhotoIds);
        var reversed = await fixture.SearchAsync(RelevanceFixture.Q("\"barn red\"") + "&mode=text");
        // Only the typo fallback may still offer the photo; full text must not match the reversed phrase.
        Assert.All(reversed.Items, i => Assert.DoesNotContain("text", Signals(i)));
    }

    [Fact]
    public async Task Minus_excludes_and_or_widens()
    {
        var birds = await fixture.SearchAsync(RelevanceFixture.Q("bird -snow") + "&mode=text");
        Assert.Contains(Id("hummingbird"), birds.PhotoIds);
        Assert.Contains(Id("owl"), birds.PhotoIds);
        Assert.DoesNotContain(Id("cardinal"), birds.PhotoIds);

        var either = await fixture.SearchAsync(RelevanceFixture.Q("owl or lighthouse") + "&mode=text");
        Assert.Contains(Id("owl"), either.PhotoIds);
        Assert.Contains(Id("lighthouse"), either.PhotoIds);
    }

    [Fact]
    public async Task A_typo_falls_back_to_trigram_matches_on_titles_keywords_and_album_names()
    {
        var result = await fixture.SearchAsync(RelevanceFixture.Q("vermnt") + "&mode=text");
        var vermont = fixture.Specs.Where(s => s.Value.Album == "vt19").Select(s => s.Key).ToHashSet();
        Assert.NotEmpty(result.PhotoIds);
        Assert.All(result.PhotoIds, id => Assert.True(vermont.Contains(id) || id == Id("pending")));
        Assert.All(result.Items, i => Assert.Equal(["typo"], Signals(i)));

        var hummingbird = await fixture.SearchAsync(RelevanceFixture.Q("humingbird") + "&mode=hybrid");
        Assert.Equal(Id("hummingbird"), hummingbird.PhotoIds[0]);
    }

    [Theory]
    [InlineData("cafe", "croissant")]
    [InlineData("CAFÉ", "croissant")]
    [InlineData("Luis", "vows")]
    [InlineData("Jokulsarlon", "lagoon")]
    [InlineData("skógafoss", "skogafoss")]
    [InlineData("Skogafoss", "skogafoss")]
    public async Task Accents_and_case_are_ignored(string query, string expected)
    {
        var result = await fixture.SearchAsync(RelevanceFixture.Q(query) + "&mode=text");
        Assert.Contains(Id(expected), result.PhotoIds);
        Assert.Contains("text", Signals(result.Items.First(i => i.GetProperty("photoId").GetInt32() == Id(expected))));
    }

    [Fact]
    public async Task Hits_explain_their_signals_and_carry_plain_highlighted_snippets()
    {
        var result = await fixture.SearchAsync(RelevanceFixture.Q("rainbow waterfall"));
        var hit = result.Items[0];
        Assert.Equal(Id("skogafoss"), hit.GetProperty("photoId").GetInt32());
        Assert.Equal("Skógafoss", hit.GetProperty("title").GetString());
        Assert.Equal("ice22", hit.GetProperty("albumKey").GetString());
        Assert.Equal($"/api/photos/{Id("skogafoss")}/thumbnail", hit.GetProperty("thumbnailUrl").GetString());
        var matched = hit.GetProperty("matched").EnumerateArray().ToList();
        Assert.Contains(matched, m => m.GetProperty("signal").GetString() == "text" && m.GetProperty("rank").GetInt32() == 1);
        Assert.Contains(matched, m => m.GetProperty("signal").GetString() == "semantic" && m.GetProperty("score").GetDouble() > 0.3);

        var description = hit.GetProperty("snippets").EnumerateArray().Single(s => s.GetProperty("field").GetString() == "description");
        var segments = description.GetProperty("segments").EnumerateArray().ToList();
        var hits = segments.Where(s => s.GetProperty("hit").GetBoolean()).Select(s => s.GetProperty("text").GetString()).ToList();
        Assert.Contains("rainbow", hits);
        Assert.Contains("waterfall", hits);
        var text = string.Concat(segments.Select(s => s.GetProperty("text").GetString()));
        Assert.Contains("plunges over a cliff", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Facets_count_the_whole_result_set_by_year_and_album()
    {
        var result = await fixture.SearchAsync(RelevanceFixture.Q("bird") + "&mode=text&pageSize=2");
        Assert.Equal(2, result.Items.Count);
        var years = result.Json.GetProperty("facets").GetProperty("years").EnumerateArray().ToList();
        var albums = result.Json.GetProperty("facets").GetProperty("albums").EnumerateArray().ToList();
        Assert.Equal(result.Total, years.Sum(y => y.GetProperty("count").GetInt32()));
        Assert.Equal(result.Total, albums.Sum(a => a.GetProperty("count").GetInt32()));
        Assert.Equal("birds", albums[0].GetProperty("albumKey").GetString());
        Assert.Equal(2020, years[0].GetProperty("year").GetInt32());

        var browse = await fixture.SearchAsync("pageSize=5");
        var all = fixture.Specs.Count + fixture.Undescribed.Count;
        Assert.Equal(all, browse.Total);
        Assert.Equal(8, browse.Json.GetProperty("facets").GetProperty("albums").GetArrayLength());
        var browseYears = browse.Json.GetProperty("facets").GetProperty("years").EnumerateArray()
            .ToDictionary(y => y.GetProperty("year").GetInt32(), y => y.GetProperty("count").GetInt32());
        Assert.Equal(11, browseYears[2020]); // birds, the Maine coast and the failed gull
    }

    [Fact]
    public async Task Browsing_without_a_query_lists_filtered_photos_newest_capture_first()
    {
        var result = await fixture.SearchAsync("album=xmas21&pageSize=200");
        var dates = result.Items.Select(i => i.GetProperty("capturedAt").GetDateTimeOffset()).ToList();
        Assert.Equal(5, result.Total);
        Assert.Equal(dates.OrderByDescending(d => d).ToList(), dates);
        Assert.Empty(result.Json.GetProperty("signals").EnumerateArray());
    }

    public static TheoryData<string, string> FilterCases()
    {
        var data = new TheoryData<string, string>();
        string[] filters =
        [
            "album=ice22", "album=ice22&album=tokyo18", "folder=Travel", "folder=Travel%20%2F%20New%20England", "from=2020-01-01&to=2020-12-31",
            "from=2019-10-06", "to=2018-12-31", "status=completed", "status=failed", "approved=true", "approved=false",
            "keyword=snow", "keyword=bird&keyword=snow&keywordMode=all", "keyword=Café", "hasDescription=false", "hasDescription=true",
            "media=video", "media=photo",
        ];
        foreach (var filter in filters)
        {
            foreach (var query in new[] { "", "mode=text&q=bird%20or%20church%20or%20barn%20or%20snow%20or%20wedding%20or%20cafe%20or%20speech%20or%20gull",
                "mode=semantic&q=a%20photo%20outdoors", "mode=hybrid&q=people%20in%20the%20snow" })
            {
                data.Add(filter, query);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(FilterCases))]
    public async Task Every_filter_holds_in_every_mode(string filter, string query)
    {
        var expected = fixture.Specs.Keys.Concat(fixture.Undescribed).Where(id => Matches(id, filter)).ToHashSet();
        var result = await fixture.SearchAsync($"{filter}&{query}&pageSize=200");
        Assert.All(result.PhotoIds, id => Assert.True(expected.Contains(id), $"photo {id} does not satisfy {filter}"));
        if (query.Length == 0)
        {
            // Browsing returns exactly the filtered set; searches return the part of it that matches.
            Assert.Equal(expected.Order(), result.PhotoIds.Order());
        }
        else if (expected.Count > 0 && query.Contains("mode=text", StringComparison.Ordinal))
        {
            Assert.NotEmpty(result.PhotoIds);
        }
    }

    private bool Matches(int id, string filter)
    {
        fixture.Specs.TryGetValue(id, out var spec);
        var album = spec?.Album ?? (id == Id("pending") ? "vt19" : "coast20");
        var date = spec is not null ? DateTimeOffset.Parse(spec.Date + "T12:00:00Z", CultureInfo.InvariantCulture)
            : id == Id("pending") ? DateTimeOffset.Parse("2019-10-05T15:00:00Z", CultureInfo.InvariantCulture) : DateTimeOffset.Parse("2020-08-06T09:00:00Z", CultureInfo.InvariantCulture);
        var keywords = spec is not null ? spec.Keywords.Concat(spec.AiKeywords).Select(k => k.ToLowerInvariant()).ToHashSet()
            : id == Id("pending") ? ["barn"] : new HashSet<string> { "gull" };
        var folder = RelevanceLibrary.Albums.Single(a => a.Key == album).Folder;
        return filter switch
        {
            "album=ice22" => album == "ice22",
            "album=ice22&album=tokyo18" => album is "ice22" or "tokyo18",
            "folder=Travel" => folder.StartsWith("Travel", StringComparison.Ordinal),
            "folder=Travel%20%2F%20New%20England" => folder == "Travel / New England",
            "from=2020-01-01&to=2020-12-31" => date.Year == 2020,
            "from=2019-10-06" => date >= new DateTimeOffset(2019, 10, 6, 0, 0, 0, TimeSpan.Zero),
            "to=2018-12-31" => date.Year <= 2018,
            "status=completed" => spec is not null,
            "status=failed" => id == Id("failed"),
            "approved=true" => fixture.Approved.Contains(id),
            "approved=false" => !fixture.Approved.Contains(id),
            "keyword=snow" => keywords.Contains("snow"),
            "keyword=bird&keyword=snow&keywordMode=all" => keywords.Contains("bird") && keywords.Contains("snow"),
            "keyword=Café" => keywords.Contains("café"),
            "hasDescription=false" => spec is null,
            "hasDescription=true" => spec is not null,
            "media=video" => spec?.Video == true,
            "media=photo" => spec?.Video != true,
            _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, null),
        };
    }

    [Theory]
    [InlineData("hybrid")]
    [InlineData("semantic")]
    [InlineData("text")]
    public async Task Pages_are_stable_and_never_repeat(string mode)
    {
        var query = RelevanceFixture.Q("bird or snow or city or wedding or family or river") + $"&mode={mode}";
        var whole = await fixture.SearchAsync(query + "&pageSize=200");
        Assert.True(whole.Total >= 12, $"{mode}: {whole.Total}");
        var paged = new List<int>();
        for (var page = 1; page <= (whole.Total + 4) / 5; page++)
        {
            var result = await fixture.SearchAsync(query + $"&pageSize=5&page={page}");
            Assert.Equal(whole.Total, result.Total);
            paged.AddRange(result.PhotoIds);
        }
        Assert.Equal(whole.PhotoIds, paged);
        Assert.Equal(paged.Count, paged.Distinct().Count());
        var beyond = await fixture.SearchAsync(query + "&pageSize=5&page=999");
        Assert.Empty(beyond.Items);
        Assert.Equal(whole.Total, beyond.Total);
    }

    [Fact]
    public async Task A_photo_without_an_embedding_is_still_found_by_words_and_the_missing_signal_drops_out()
    {
        var pending = await fixture.SearchAsync(RelevanceFixture.Q("barn"));
        var hit = pending.Items.Single(i => i.GetProperty("photoId").GetInt32() == Id("pending"));
        Assert.Equal(["text"], Signals(hit).Where(s => s != "typo"));
        var withBoth = pending.Items.Single(i => i.GetProperty("photoId").GetInt32() == Id("barn"));
        Assert.Contains("semantic", Signals(withBoth));
        Assert.Contains("text", Signals(withBoth));

        var semantic = await fixture.SearchAsync(RelevanceFixture.Q("barn") + "&mode=semantic");
        Assert.DoesNotContain(Id("pending"), semantic.PhotoIds);
        Assert.Equal(["semantic"], semantic.Json.GetProperty("signals").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Server_timing_reports_embedding_database_and_total()
    {
        var first = await fixture.SearchAsync(RelevanceFixture.Q("a quiet harbour at first light"));
        var header = string.Join(",", first.Response.Headers.GetValues("Server-Timing"));
        Assert.Matches(@"^embedding;dur=[\d.]+, db;dur=[\d.]+, total;dur=[\d.]+$", header);
        Assert.Equal(Id("boats"), first.PhotoIds[0]);
    }

    [Fact]
    public async Task Visual_mode_is_refused_while_no_image_embeddings_exist()
    {
        var response = await fixture.Session.Client.GetAsync(new Uri("/api/search?q=barn&mode=visual", UriKind.Relative));
        await ProblemAssert.IsValidationProblem(response, "mode");
    }

    private static List<string> Signals(JsonElement hit) =>
        hit.GetProperty("matched").EnumerateArray().Select(m => m.GetProperty("signal").GetString()!).ToList();
}
