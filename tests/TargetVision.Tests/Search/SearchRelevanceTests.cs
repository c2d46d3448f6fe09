using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace TargetVision.Tests.Search;

public sealed class SearchRelevanceTests(RelevanceFixture fixture, ITestOutputHelper output) : IClassFixture<RelevanceFixture>
{
    [Fact]
    public async Task Hybrid_finds_every_expected_photo_in_the_top_three_and_beats_each_single_signal_on_mrr()
    {
        string[] modes = ["text", "semantic", "hybrid"];
        var reciprocal = modes.ToDictionary(m => m, _ => new List<double>());
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"| {"query",-52} | {"text",4} | {"sem",4} | {"hyb",4} |");
        table.AppendLine("|------------------------------------------------------|------|------|------|");
        var misses = new List<string>();
        foreach (var (query, expected) in RelevanceLibrary.Queries)
        {
            var ranks = new Dictionary<string, int?>();
            foreach (var mode in modes)
            {
                var result = await fixture.SearchAsync($"{RelevanceFixture.Q(query)}&mode={mode}&pageSize=200");
                var rank = result.RankOf(fixture.Ids[expected]);
                ranks[mode] = rank;
                reciprocal[mode].Add(rank is { } r ? 1.0 / r : 0);
            }
            table.AppendLine(CultureInfo.InvariantCulture, $"| {query,-52} | {Show(ranks["text"]),4} | {Show(ranks["semantic"]),4} | {Show(ranks["hybrid"]),4} |");
            if (ranks["hybrid"] is not (>= 1 and <= 3))
            {
                misses.Add($"{query} → {expected} at {Show(ranks["hybrid"])}");
            }
        }
        var mrr = modes.ToDictionary(m => m, m => reciprocal[m].Average());
        table.AppendLine(CultureInfo.InvariantCulture, $"| {"MRR",-52} | {mrr["text"],4:0.00} | {mrr["semantic"],4:0.00} | {mrr["hybrid"],4:0.00} |");
        output.WriteLine(table.ToString());

        Assert.Empty(misses);
        Assert.True(mrr["hybrid"] > mrr["text"], $"hybrid MRR {mrr["hybrid"]:0.000} must beat text {mrr["text"]:0.000}");
        Assert.True(mrr["hybrid"] > mrr["semantic"], $"hybrid MRR {mrr["hybrid"]:0.000} must beat semantic {mrr["semantic"]:0.000}");
    }

    private static string Show(int? rank) => rank?.ToString(CultureInfo.InvariantCulture) ?? "—";
}
