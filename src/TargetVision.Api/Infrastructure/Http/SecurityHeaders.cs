using System.Reflection;

namespace TargetVision.Api.Infrastructure.Http;

/// <summary>
/// The security headers from security-headers.txt, the file nginx renders its headers from as well, so the host-run
/// backend and the containers cannot drift apart. The CSP allows no inline script or style, which the frontend is
/// written for.
/// </summary>
public static class SecurityHeaders
{
    public const string ResourceName = "TargetVision.Api.security-headers.txt";

    /// <summary>Header name and value pairs in file order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> All { get; } = Load();

    public static string ContentSecurityPolicy { get; } =
        All.Single(h => h.Key.Equals("Content-Security-Policy", StringComparison.OrdinalIgnoreCase)).Value;

    public static void Apply(IHeaderDictionary headers)
    {
        foreach (var (name, value) in All)
        {
            headers[name] = value;
        }
    }

    /// <summary>Parses the file format: "Name: value" per line, # comments and blank lines ignored.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string text)
    {
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new FormatException($"security-headers.txt: expected \"Name: value\", got \"{line}\"");
            }
            headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }
        return headers;
    }

    private static List<KeyValuePair<string, string>> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        return [.. Parse(reader.ReadToEnd())];
    }
}
