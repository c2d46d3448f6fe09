using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TargetVision.Tests.Foundation;

public sealed class SettingsFixture : AppFixture
{
    public const string EnvironmentOpenAiKey = "sk-env-openai-key-9876";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Secrets:OpenAiApiKey"] = EnvironmentOpenAiKey,
    };
}

public sealed class SettingsTests(SettingsFixture fixture) : IClassFixture<SettingsFixture>
{
    [Fact]
    public async Task Saved_key_is_encrypted_at_rest_and_only_its_last_four_characters_are_returned()
    {
        using var session = await fixture.OwnerSessionAsync();
        const string key = "sk-ant-api03-secret-value-abcd";
        using var put = await session.PutAsync("/api/settings", new { secrets = new { anthropicApiKey = key } });
        await ApiSession.EnsureSuccess(put);
        var body = await put.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret-value", body, StringComparison.Ordinal);

        var settings = await session.GetJsonAsync("/api/settings");
        var anthropic = settings.GetProperty("secrets").GetProperty("anthropicApiKey");
        Assert.True(anthropic.GetProperty("isSet").GetBoolean());
        Assert.Equal("saved", anthropic.GetProperty("source").GetString());
        Assert.Equal("abcd", anthropic.GetProperty("last4").GetString());
        Assert.DoesNotContain(key, settings.GetRawText(), StringComparison.Ordinal);

        var stored = await fixture.Database.ScalarAsync<string>("SELECT value_encrypted FROM app_settings WHERE key = 'secret:AnthropicApiKey'");
        Assert.NotNull(stored);
        Assert.DoesNotContain("secret-value", stored, StringComparison.Ordinal);
        Assert.StartsWith("CfDJ8", stored, StringComparison.Ordinal); // Data Protection payload header
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM app_settings WHERE value LIKE '%secret-value%'"));
        Assert.True(await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM data_protection_keys") >= 1);
    }

    [Fact]
    public async Task Environment_value_is_the_default_and_a_saved_value_overrides_it_until_cleared()
    {
        using var session = await fixture.OwnerSessionAsync();
        var openAi = (await session.GetJsonAsync("/api/settings")).GetProperty("secrets").GetProperty("openAiApiKey");
        Assert.Equal("environment", openAi.GetProperty("source").GetString());
        Assert.Equal("9876", openAi.GetProperty("last4").GetString());

        using (var save = await session.PutAsync("/api/settings", new { secrets = new { openAiApiKey = "sk-saved-openai-key-1111" } }))
        {
            var saved = (await save.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secrets").GetProperty("openAiApiKey");
            Assert.Equal("saved", saved.GetProperty("source").GetString());
            Assert.Equal("1111", saved.GetProperty("last4").GetString());
        }
        using (var clear = await session.PutAsync("/api/settings", new { secrets = new { openAiApiKey = "" } }))
        {
            var cleared = (await clear.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secrets").GetProperty("openAiApiKey");
            Assert.Equal("environment", cleared.GetProperty("source").GetString());
            Assert.Equal("9876", cleared.GetProperty("last4").GetString());
        }
    }

    [Fact]
    public async Task Preferences_round_trip()
    {
        using var session = await fixture.OwnerSessionAsync();
        using var put = await session.PutAsync("/api/settings", new { preferences = new { aiProvider = "openai", openAiModel = "gpt-4.1", publicBaseUrl = "https://photos.example.com" } });
        await ApiSession.EnsureSuccess(put);
        var prefs = (await session.GetJsonAsync("/api/settings")).GetProperty("preferences");
        Assert.Equal("openai", prefs.GetProperty("aiProvider").GetString());
        Assert.Equal("gpt-4.1", prefs.GetProperty("openAiModel").GetString());
        Assert.Equal("https://photos.example.com", prefs.GetProperty("publicBaseUrl").GetString());
        Assert.Equal("claude-sonnet-4-5", prefs.GetProperty("anthropicModel").GetString());
    }

    [Fact]
    public async Task Invalid_update_lists_every_bad_field_and_writes_nothing()
    {
        using var session = await fixture.OwnerSessionAsync();
        var before = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM app_settings");
        using var response = await session.PutAsync("/api/settings", new
        {
            secrets = new { smugMugApiKey = "valid-smugmug-key-123", smugMugApiSecret = "has spaces in it" },
            preferences = new { aiProvider = "skynet", publicBaseUrl = "javascript:alert(1)" },
        });
        await ProblemAssert.IsValidationProblem(response, "secrets.smugMugApiSecret", "preferences.aiProvider", "preferences.publicBaseUrl");
        Assert.Equal(before, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM app_settings"));
        var smugmug = (await session.GetJsonAsync("/api/settings")).GetProperty("secrets").GetProperty("smugMugApiKey");
        Assert.False(smugmug.GetProperty("isSet").GetBoolean());
    }

    [Fact]
    public async Task Test_key_rejects_unknown_provider_and_missing_key_with_field_errors()
    {
        using var session = await fixture.OwnerSessionAsync();
        using var unknown = await session.PostAsync("/api/settings/test-key", new { provider = "skynet" });
        await ProblemAssert.IsValidationProblem(unknown, "provider");
    }

    [Fact]
    public async Task Unauthenticated_settings_read_is_401_problem()
    {
        using var client = fixture.App.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/settings", UriKind.Relative));
        await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized);
    }
}
