using Microsoft.Extensions.DependencyInjection;
using TargetVision.Api.Features.Search;
using TargetVision.Api.Infrastructure.Http;
using Xunit.Abstractions;

namespace TargetVision.Tests.Search;

/// <summary>Filtered vector search at a few thousand photos: full pages, the plans behind them, and RRF arithmetic.</summary>
public sealed class VectorSearchTests(VectorScaleFixture fixture, ITestOutputHelper output) : IClassFixture<VectorScaleFixture>
{
    private static SearchFilters Videos => SearchFilters.None with { Media = MediaKind.Video };
    private static SearchFilters Tiny => SearchFilters.None with { AlbumKeys = ["tiny"] };

    private async Task<SearchResponse> ExecuteAsync(SearchPlan plan, SearchOptions? options = null)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SearchService>().ExecuteAsync(plan, options ?? fixture.Options, CancellationToken.None);
    }

    [Fact]
    public async Task A_two_percent_filter_still_returns_a_full_page()
    {
        var plan = VectorScaleFixture.SemanticPlan(fixture.QueryFor(3), Videos);
        output.WriteLine(string.Join('\n', await fixture.RunAsync(plan, explain: true)));
        var page = await ExecuteAsync(plan);
        Assert.Equal(50, page.Items.Count);
        Assert.All(page.Items, hit => Assert.True(hit.IsVideo));
        var scores = page.Items.Select(h => h.Matched.Single().Score).ToList();
        Assert.Equal(scores.OrderByDescending(s => s).ToList(), scores);
    }

    [Fact]
    public async Task The_hnsw_path_keeps_scanning_past_ef_search_until_the_filters_leave_a_full_list()
    {
        // A small ef_search makes the point at this size: the index hands out ef_search candidates per round and the
        // filter discards some; only iterative scans go on to fill the page.
        var options = new SearchOptions { EfSearch = 10 };
        var plan = VectorScaleFixture.SemanticPlan(fixture.QueryFor(3), SearchFilters.None with { Media = MediaKind.Photo });
        var explain = await fixture.RunAsync(plan, options, explain: true);
        output.WriteLine(string.Join('\n', explain));
        Assert.Contains(explain, line => line.Contains("Index Scan using ix_photo_text_embeddings_embedding", StringComparison.Ordinal));

        var page = await ExecuteAsync(plan, options);
        Assert.Equal(50, page.Items.Count);
        Assert.All(page.Items, hit => Assert.False(hit.IsVideo));
        var scores = page.Items.Select(h => h.Matched.Single().Score).ToList();
        Assert.Equal(scores.OrderByDescending(s => s).ToList(), scores); // relaxed order, re-sorted in SQL

        var withoutIterative = await fixture.RunAsync(plan, options, iterative: false);
        output.WriteLine($"without iterative scans: {withoutIterative.Count} of 50");
        Assert.True(withoutIterative.Count < 50, $"{withoutIterative.Count}");
    }

    [Fact]
    public async Task The_filters_an_embedding_row_carries_follow_its_photo_and_a_narrow_date_range_is_scanned_exactly()
    {
        // The embedding rows carry capture date, media and "not deleted" (migration 20261209100000), kept current by a
        // trigger on photos: moving a photo into a day nobody else has must bring it, and only it, into that day's
        // semantic results — through an exact scan, since the HNSW walk would give up long before finding one photo.
        var query = fixture.QueryFor(7);
        var top = (await ExecuteAsync(VectorScaleFixture.SemanticPlan(query, SearchFilters.None))).Items[0].PhotoId;
        var original = await fixture.Data.ScalarAsync<DateTime>("SELECT captured_at FROM photos WHERE id = @id", ("id", top));
        var day = new DateTimeOffset(2031, 5, 4, 0, 0, 0, TimeSpan.Zero);
        var plan = VectorScaleFixture.SemanticPlan(query, SearchFilters.None with { From = day, ToExclusive = day.AddDays(1) });
        try
        {
            Assert.Empty((await ExecuteAsync(plan)).Items);
            await fixture.Data.ExecuteAsync("UPDATE photos SET captured_at = '2031-05-04T10:00:00Z' WHERE id = @id", ("id", top));
            Assert.Equal(new DateTime(2031, 5, 4, 10, 0, 0, DateTimeKind.Utc),
                (await fixture.Data.ScalarAsync<DateTime>("SELECT captured_at FROM photo_text_embeddings WHERE photo_id = @id", ("id", top))).ToUniversalTime());
            Assert.Equal([top], (await ExecuteAsync(plan)).Items.Select(h => h.PhotoId));
            var explain = await fixture.RunAsync(plan, explain: true);
            output.WriteLine(string.Join('\n', explain));
            // The range's rows come from the date index (quantised ranking, then exact); the graph branch never runs.
            Assert.All(explain.Where(line => line.Contains("ix_photo_text_embeddings_embedding", StringComparison.Ordinal)),
                line => Assert.Contains("never executed", line, StringComparison.Ordinal));
            Assert.Contains(explain, line => line.Contains("Index Only Scan using ix_photo_text_embeddings_captured", StringComparison.Ordinal)
                && !line.Contains("never executed", StringComparison.Ordinal));
            Assert.DoesNotContain(explain, line => line.Contains("search_documents", StringComparison.Ordinal)); // nothing joined

            // Deleted: no longer found, filtered or not; restored: found again.
            await fixture.Data.ExecuteAsync("UPDATE photos SET deleted_at = now() WHERE id = @id", ("id", top));
            Assert.Empty((await ExecuteAsync(plan)).Items);
            Assert.DoesNotContain(top, (await ExecuteAsync(VectorScaleFixture.SemanticPlan(query, SearchFilters.None))).Items.Select(h => h.PhotoId));
            await fixture.Data.ExecuteAsync("UPDATE photos SET deleted_at = NULL WHERE id = @id", ("id", top));
            Assert.Equal([top], (await ExecuteAsync(plan)).Items.Select(h => h.PhotoId));
        }
        finally
        {
            await fixture.Data.ExecuteAsync("UPDATE photos SET captured_at = @at, deleted_at = NULL WHERE id = @id", ("at", original), ("id", top));
        }
    }

    [Fact]
    public async Task A_very_selective_filter_is_an_exact_scan_over_the_filtered_rows()
    {
        var plan = VectorScaleFixture.SemanticPlan(fixture.QueryFor(5), Tiny);
        var explain = await fixture.RunAsync(plan, explain: true);
        output.WriteLine(string.Join('\n', explain));
        Assert.DoesNotContain(explain, line => line.Contains("ix_photo_text_embeddings_embedding", StringComparison.Ordinal));

        var page = await ExecuteAsync(plan);
        Assert.Equal(VectorScaleFixture.Count / 250, page.Total);
        Assert.All(page.Items, hit => Assert.Equal("tiny", hit.AlbumKey));
    }

    [Fact]
    public async Task Unfiltered_semantic_search_agrees_with_exact_search()
    {
        var plan = VectorScaleFixture.SemanticPlan(fixture.QueryFor(7), SearchFilters.None, pageSize: 20);
        var indexed = (await ExecuteAsync(plan)).Items.Select(h => h.PhotoId).ToList();
        var exact = await fixture.ExactTopAsync(fixture.QueryFor(7), 20);
        var recall = indexed.Intersect(exact).Count() / 20.0;
        output.WriteLine($"recall@20 = {recall:0.00}");
        Assert.True(recall >= 0.9, $"recall {recall}");
        Assert.All(indexed, id => Assert.Equal(7, VectorScaleFixture.ClusterOf(id)));
    }

    [Fact]
    public async Task A_date_range_that_keeps_few_rows_is_ranked_by_quantised_vectors_and_agrees_with_exact_search()
    {
        // One year of the fixture: ≈ 1,250 of 5,000 photos, below Search:QuantizedScanBelow.
        var year = SearchFilters.None with
        {
            From = new DateTimeOffset(2016, 1, 1, 0, 0, 0, TimeSpan.Zero),
            ToExclusive = new DateTimeOffset(2017, 1, 1, 0, 0, 0, TimeSpan.Zero),
        };
        var query = fixture.QueryFor(11);
        var exact = await fixture.ExactTopAsync(query, 20, year.From, year.ToExclusive);

        var quantised = VectorScaleFixture.SemanticPlan(query, year, pageSize: 20);
        var explain = await fixture.RunAsync(quantised, explain: true);
        output.WriteLine(string.Join('\n', explain));
        Assert.True(QuantisedRankingRan(explain));
        Assert.All(explain.Where(line => line.Contains("ix_photo_text_embeddings_embedding", StringComparison.Ordinal)),
            line => Assert.Contains("never executed", line, StringComparison.Ordinal));
        var hits = (await ExecuteAsync(quantised)).Items;
        output.WriteLine($"quantised: {hits.Select(h => h.PhotoId).Intersect(exact).Count()} of the exact top 20");
        // Re-ranked exactly, so what the quantised ranking kept is in exact order with exact scores.
        Assert.Equal(exact.Take(10), hits.Take(10).Select(h => h.PhotoId));
        Assert.All(hits, hit => Assert.InRange(hit.CapturedAt!.Value, year.From!.Value, year.ToExclusive!.Value));

        // Above the threshold the same query takes the other branch, and gives the same first ten.
        var graphOptions = new SearchOptions { QuantizedScanBelow = 100 };
        var graphExplain = await fixture.RunAsync(quantised, graphOptions, explain: true);
        // (At 5,000 rows the planner serves that branch by HNSW or by a scan as its costs say; at 100k it is the graph.)
        Assert.False(QuantisedRankingRan(graphExplain));
        Assert.Equal(exact.Take(10), (await ExecuteAsync(quantised, graphOptions)).Items.Take(10).Select(h => h.PhotoId));
    }

    // Whether the quantised branch ran: the Hamming-distance ranking is in the plan, and the scan under its gate
    // ("One-Time Filter: (rows < QuantizedScanBelow)") executed rather than reading "never executed".
    private static bool QuantisedRankingRan(List<string> explain)
    {
        Assert.Contains(explain, line => line.Contains("embedding_bits <~>", StringComparison.Ordinal));
        var gate = explain.FindIndex(line => line.Contains("One-Time Filter", StringComparison.Ordinal) && line.Contains(" < ", StringComparison.Ordinal));
        Assert.InRange(gate, 0, explain.Count - 2);
        return !explain[gate + 1].Contains("never executed", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ix_photo_text_embeddings_embedding")]
    [InlineData("ix_image_embeddings_embedding")]
    public async Task The_vector_indexes_are_built_with_the_graph_settings_the_benchmark_measured(string index)
    {
        // m 24 / ef_construction 400 (migration VectorIndexesAtScale): pgvector's defaults left bursts of near-identical
        // photos reachable through too few edges (docs/performance.md, "Search").
        var options = await fixture.Data.ScalarAsync<string[]>("SELECT reloptions FROM pg_class WHERE relname = @index", ("index", index));
        Assert.Equal(new[] { "ef_construction=400", "m=24" }, options!.Order(StringComparer.Ordinal));
        var method = await fixture.Data.ScalarAsync<string>(
            "SELECT am.amname FROM pg_class c JOIN pg_am am ON am.oid = c.relam WHERE c.relname = @index", ("index", index));
        Assert.Equal("hnsw", method);
    }

    [Fact]
    public async Task Rrf_adds_weight_over_k_plus_rank_per_signal_with_a_deterministic_tie_break()
    {
        // Four photos a full-text query ranks A > B > C > D (title, caption, description, file name weights) and a
        // query vector ranks the other way round.
        var album = await fixture.Data.AlbumAsync("rrf", "Controlled");
        var a = await fixture.Data.PhotoAsync(album, "quokka");
        var b = await fixture.Data.PhotoAsync(album, "b", caption: "quokka");
        var c = await fixture.Data.PhotoAsync(album, "c");
        await fixture.Data.DescribeAsync(c, "quokka", [], embed: false);
        var d = await fixture.Data.PhotoAsync(album, "d", fileName: "quokka.jpg");
        var axis = new float[VectorScaleFixture.Dimensions];
        axis[0] = 1;
        var ids = new[] { a, b, c, d };
        for (var i = 0; i < 4; i++)
        {
            var v = new float[VectorScaleFixture.Dimensions];
            var angle = (3 - i) * 0.2; // d closest
            v[0] = (float)Math.Cos(angle);
            v[1] = (float)Math.Sin(angle);
            await fixture.Data.EmbeddingAsync(ids[i], v, "rrf-test");
        }

        async Task<List<SearchHit>> Run(double textWeight, double vectorWeight)
        {
            var options = new SearchOptions { Weights = new SignalWeights { Text = textWeight } };
            var query = new SearchQuery("quokka", SearchMode.Hybrid, SearchFilters.None with { AlbumKeys = ["rrf"] }, new PageRequest(1, 10));
            var plan = new SearchPlan(query, true, [], [new VectorSignal("semantic", "photo_text_embeddings", "rrf-test", axis, vectorWeight)]);
            return (await ExecuteAsync(plan, options)).Items.ToList();
        }

        var equal = await Run(1, 1);
        var textRank = equal.ToDictionary(h => h.PhotoId, h => h.Matched.Single(m => m.Signal == "text").Rank);
        Assert.Equal([1, 2, 3, 4], ids.Select(id => textRank[id]));
        var vectorRank = equal.ToDictionary(h => h.PhotoId, h => h.Matched.Single(m => m.Signal == "semantic").Rank);
        Assert.Equal([4, 3, 2, 1], ids.Select(id => vectorRank[id]));
        foreach (var hit in equal)
        {
            Assert.Equal(1.0 / (60 + textRank[hit.PhotoId]) + 1.0 / (60 + vectorRank[hit.PhotoId]), hit.Score, 6);
        }
        // 1/61 + 1/64 (A, D) beats 1/62 + 1/63 (B, C): agreeing on the extremes counts more. Exact ties are broken
        // by photo id, so A comes before D and B before C on every page.
        Assert.Equal([a, d, b, c], equal.Select(h => h.PhotoId));

        var vectorHeavy = await Run(1, 3);
        Assert.Equal([d, c, b, a], vectorHeavy.Select(h => h.PhotoId));
    }
}
