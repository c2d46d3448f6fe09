using System.Text.RegularExpressions;

namespace TargetVision.Tests.Unit;

/// <summary>Every backend setting documented in docs/configuration.md can be found, commented out, in .env.template.</summary>
public sealed partial class ConfigurationDocsTests
{
    [Fact]
    public void Every_documented_setting_is_in_the_env_template()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "configuration.md"));
        var template = File.ReadAllText(Path.Combine(RepositoryPaths.Root, ".env.template"));
        var documented = DocumentedKey().Matches(docs).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.True(documented.Count > 50, $"only {documented.Count} settings found in the tables: did the format change?");

        var inTemplate = TemplateKey().Matches(template).Select(m => m.Groups[1].Value).ToHashSet();
        // Tables write list indexes as N (Ai__Models__N__Id); the template shows the first entry.
        var missing = documented
            .Select(key => key.Replace("__N__", "__0__", StringComparison.Ordinal).Replace("__N", "__0", StringComparison.Ordinal))
            .Where(key => !inTemplate.Contains(key) && !inTemplate.Contains(key + "_FILE") && !inTemplate.Any(t => t.StartsWith(key + "__", StringComparison.Ordinal)))
            .ToList();
        Assert.True(missing.Count == 0, "documented but not in .env.template: " + string.Join(", ", missing));
    }

    [GeneratedRegex(@"^\| `([A-Za-z]+__[A-Za-z0-9_]+?)`", RegexOptions.Multiline)]
    private static partial Regex DocumentedKey();

    [GeneratedRegex(@"^#?([A-Za-z]+__[A-Za-z0-9_]+)=", RegexOptions.Multiline)]
    private static partial Regex TemplateKey();
}
