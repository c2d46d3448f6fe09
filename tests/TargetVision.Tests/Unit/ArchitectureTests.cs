using System.Reflection;
using NetArchTest.Rules;
using TargetVision.Api.Features.Library;

namespace TargetVision.Tests.Unit;

/// <summary>
/// The dependency rules of docs/architecture.md, checked on the compiled assembly (signatures and method bodies):
/// the platform and the integrations know no feature, and features depend on each other only along allowed edges.
/// </summary>
public sealed class ArchitectureTests
{
    private const string Root = "TargetVision.Api";
    private static readonly Assembly Api = typeof(Photo).Assembly;

    /// <summary>Which other features a feature may use; everything not listed is forbidden.</summary>
    private static readonly Dictionary<string, string[]> AllowedFeatureEdges = new()
    {
        ["Ai"] = [],
        ["Auth"] = [],
        ["Autopilot"] = ["Ai", "Library", "Processing", "SmugMug"],
        ["Batches"] = [],
        ["Collections"] = ["Library", "SmugMug"],
        ["Chat"] = ["Ai", "Search"],
        ["Health"] = [],
        ["Library"] = [],
        ["Mcp"] = ["Library", "Search"],
        ["Processing"] = ["Ai", "Library"],
        ["Search"] = ["Ai"],
        ["Settings"] = ["Ai"],
        ["SmugMug"] = ["Library", "Settings"],
        ["Visual"] = ["Library", "Search", "SmugMug"],
    };

    [Fact]
    public void Every_feature_folder_has_declared_edges()
    {
        var features = Api.GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(n => n.StartsWith($"{Root}.Features.", StringComparison.Ordinal))
            .Select(n => n.Split('.')[3]).Distinct().Order().ToList();
        Assert.Equal(AllowedFeatureEdges.Keys.Order(), features);
    }

    [Fact]
    public void Infrastructure_knows_no_feature() =>
        AssertNoDependency($"{Root}.Infrastructure", [$"{Root}.Features"]);

    [Fact]
    public void Integrations_know_no_feature() =>
        AssertNoDependency($"{Root}.Integrations", [$"{Root}.Features"]);

    [Fact]
    public void Features_use_each_other_only_along_allowed_edges()
    {
        var failures = new List<string>();
        foreach (var (feature, allowed) in AllowedFeatureEdges)
        {
            var forbidden = AllowedFeatureEdges.Keys.Where(f => f != feature && !allowed.Contains(f)).Select(f => $"{Root}.Features.{f}").ToArray();
            failures.AddRange(Violations($"{Root}.Features.{feature}", forbidden));
        }
        Assert.Empty(failures);
    }

    [Fact]
    public void Allowed_feature_edges_have_no_cycle()
    {
        var visiting = new HashSet<string>();
        var done = new HashSet<string>();
        bool Cycle(string f) => !done.Contains(f) && (!visiting.Add(f) || AllowedFeatureEdges[f].Any(Cycle) || !done.Add(f) || !visiting.Remove(f));
        Assert.DoesNotContain(AllowedFeatureEdges.Keys, Cycle);
    }

    [Fact]
    public void The_rules_catch_a_real_dependency()
    {
        // Guards the guard: SmugMug does use Library, so asking for the opposite must report it.
        Assert.NotEmpty(Violations($"{Root}.Features.SmugMug", [$"{Root}.Features.Library"]));
    }

    private static void AssertNoDependency(string layer, string[] forbidden) => Assert.Empty(Violations(layer, forbidden));

    private static IEnumerable<string> Violations(string layer, string[] forbidden)
    {
        var result = Types.InAssembly(Api).That().ResideInNamespace(layer).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
        return result.IsSuccessful ? [] : result.FailingTypes.Select(t => $"{t.FullName} → {string.Join(" | ", forbidden)}");
    }
}
