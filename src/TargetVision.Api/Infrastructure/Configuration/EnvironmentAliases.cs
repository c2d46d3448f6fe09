namespace TargetVision.Api.Infrastructure.Configuration;

/// <summary>
/// Maps the flat environment variable names self-hosters know (ANTHROPIC_API_KEY, DB_HOST, …) onto the
/// hierarchical configuration keys the options classes bind to, and resolves the Docker/Kubernetes
/// secrets convention: <c>NAME_FILE</c> names a file whose content is the value of <c>NAME</c>.
/// </summary>
public static class EnvironmentAliases
{
    /// <summary>Flat environment name → configuration key.</summary>
    public static readonly IReadOnlyDictionary<string, string> Map = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ANTHROPIC_API_KEY"] = "Secrets:AnthropicApiKey",
        ["OPENAI_API_KEY"] = "Secrets:OpenAiApiKey",
        ["SMUGMUG_API_KEY"] = "Secrets:SmugMugApiKey",
        ["SMUGMUG_API_SECRET"] = "Secrets:SmugMugApiSecret",
        ["ADMIN_EMAIL"] = "Admin:Email",
        ["ADMIN_PASSWORD"] = "Admin:Password",
        ["PUBLIC_BASE_URL"] = "App:PublicBaseUrl",
        ["REDIS_URL"] = "ConnectionStrings:Redis",
    };

    /// <summary>Secrets (and other values) that may be given through a <c>_FILE</c> variant.</summary>
    public static readonly IReadOnlyList<string> FileCapable =
    [
        "ANTHROPIC_API_KEY", "OPENAI_API_KEY", "SMUGMUG_API_KEY", "SMUGMUG_API_SECRET",
        "ADMIN_PASSWORD", "ADMIN_EMAIL", "DB_PASSWORD", "DB_USER", "REDIS_URL",
        "ConnectionStrings__Default", "ConnectionStrings__Redis", "DataProtection__CertificatePassword",
    ];

    /// <summary>
    /// Builds the in-memory overlay that sits above plain environment variables. Throws
    /// <see cref="InvalidOperationException"/> with an actionable message for conflicting or unreadable input.
    /// </summary>
    public static Dictionary<string, string?> Resolve(Func<string, string?> getEnv)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var resolved = new Dictionary<string, string?>(StringComparer.Ordinal);

        foreach (var name in FileCapable)
        {
            var direct = getEnv(name);
            var file = getEnv(name + "_FILE");
            if (!string.IsNullOrEmpty(file))
            {
                if (!string.IsNullOrEmpty(direct))
                {
                    throw new InvalidOperationException($"Both {name} and {name}_FILE are set; set only one of them.");
                }
                if (!File.Exists(file))
                {
                    throw new InvalidOperationException($"{name}_FILE points to '{file}', which does not exist or is not readable.");
                }
                // Secret files conventionally end with a newline that is not part of the secret.
                resolved[name] = File.ReadAllText(file).TrimEnd('\r', '\n');
            }
            else if (!string.IsNullOrEmpty(direct))
            {
                resolved[name] = direct;
            }
        }

        string? Get(string name) => resolved.TryGetValue(name, out var v) ? v : getEnv(name);

        foreach (var (env, key) in Map)
        {
            var value = Get(env);
            if (!string.IsNullOrEmpty(value))
            {
                values[key] = value;
            }
        }

        foreach (var key in new[] { "ConnectionStrings__Default", "ConnectionStrings__Redis", "DataProtection__CertificatePassword" })
        {
            if (resolved.TryGetValue(key, out var v))
            {
                values[key.Replace("__", ":", StringComparison.Ordinal)] = v;
            }
        }

        var host = getEnv("DB_HOST");
        if (!string.IsNullOrEmpty(host) && string.IsNullOrEmpty(getEnv("ConnectionStrings__Default")) && !resolved.ContainsKey("ConnectionStrings__Default"))
        {
            values["ConnectionStrings:Default"] = DatabaseConnectionString.FromParts(
                host, getEnv("DB_PORT"), getEnv("DB_NAME"), Get("DB_USER"), Get("DB_PASSWORD"));
        }

        return values;
    }
}
