using Npgsql;
using TargetVision.Api.Infrastructure.Configuration;

namespace TargetVision.Tests.Unit;

public sealed class EnvironmentAliasesTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("tv-env-").FullName;

    [Fact]
    public void File_variant_is_read_and_its_trailing_newline_dropped()
    {
        var file = Path.Combine(dir, "anthropic");
        File.WriteAllText(file, "sk-ant-from-file\n");
        var values = EnvironmentAliases.Resolve(Env(("ANTHROPIC_API_KEY_FILE", file)));
        Assert.Equal("sk-ant-from-file", values["Secrets:AnthropicApiKey"]);
    }

    [Fact]
    public void Key_ring_certificate_password_can_come_from_a_file()
    {
        var file = Path.Combine(dir, "pfx-password");
        File.WriteAllText(file, "pfx-secret\n");
        var values = EnvironmentAliases.Resolve(Env(("DataProtection__CertificatePassword_FILE", file)));
        Assert.Equal("pfx-secret", values["DataProtection:CertificatePassword"]);
    }

    [Fact]
    public void Both_variants_set_is_an_error_naming_both()
    {
        var file = Path.Combine(dir, "pw");
        File.WriteAllText(file, "x");
        var error = Assert.Throws<InvalidOperationException>(() => EnvironmentAliases.Resolve(Env(("ADMIN_PASSWORD", "a"), ("ADMIN_PASSWORD_FILE", file))));
        Assert.Contains("ADMIN_PASSWORD_FILE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_secret_file_is_a_clear_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => EnvironmentAliases.Resolve(Env(("DB_PASSWORD_FILE", "/nonexistent/pw"))));
        Assert.Contains("/nonexistent/pw", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Discrete_db_variables_build_the_connection_string_with_the_password_from_a_file()
    {
        var file = Path.Combine(dir, "db");
        File.WriteAllText(file, "s3cr;et=\n");
        var values = EnvironmentAliases.Resolve(Env(("DB_HOST", "db"), ("DB_PORT", "6543"), ("DB_NAME", "tv"), ("DB_USER", "u"), ("DB_PASSWORD_FILE", file)));
        var cs = new NpgsqlConnectionStringBuilder(values["ConnectionStrings:Default"]);
        Assert.Equal("db", cs.Host);
        Assert.Equal(6543, cs.Port);
        Assert.Equal("tv", cs.Database);
        Assert.Equal("u", cs.Username);
        Assert.Equal("s3cr;et=", cs.Password);
    }

    [Fact]
    public void Explicit_connection_string_wins_over_discrete_variables()
    {
        var values = EnvironmentAliases.Resolve(Env(("DB_HOST", "db"), ("ConnectionStrings__Default", "Host=other")));
        Assert.Equal("Host=other", values["ConnectionStrings:Default"]);
    }

    private static Func<string, string?> Env(params (string Key, string Value)[] pairs)
    {
        var map = pairs.ToDictionary(p => p.Key, p => p.Value);
        return name => map.TryGetValue(name, out var v) ? v : null;
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);
}
