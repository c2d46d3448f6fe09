using System.Text.RegularExpressions;
using FakeAi;

namespace TargetVision.Browser.Tests;

/// <summary>The real app on a real Kestrel port, against its own PostgreSQL database.</summary>
public sealed class LiveApp : IAsyncDisposable
{
    private LiveApp(TestDatabase database, TargetVisionApp app, Uri baseUrl)
    {
        Database = database;
        App = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The owner the browser tests sign in as (configured through <c>Admin:*</c>).</summary>
    public const string OwnerEmail = "owner@example.com";
    public const string OwnerPassword = "a long enough password";

    /// <summary>
    /// Settings for a test app: the fake SmugMug's when given, the owner configured (unless the test starts at the
    /// setup form) and, when given, the fake Claude with its test key.
    /// </summary>
    public static Dictionary<string, string?> Settings(SmugMugTestSetup? smug = null, FakeAnthropicServer? claude = null, bool withOwner = true)
    {
        var settings = smug?.Settings() ?? new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (withOwner)
        {
            settings["Admin:Email"] = OwnerEmail;
            settings["Admin:Password"] = OwnerPassword;
        }
        if (claude is not null)
        {
            settings["Anthropic:BaseUrl"] = claude.BaseUrl;
            settings["Secrets:AnthropicApiKey"] = FakeAiOptions.DefaultTestKey;
        }
        return settings;
    }

    /// <summary>Signs in as the configured owner through the login form and waits for the redirect to <paramref name="next"/>.</summary>
    public static async Task SignInAsync(IPage page, string next)
    {
        await page.GotoAsync($"/login?next={Uri.EscapeDataString(next)}");
        await page.GetByLabel("Email").FillAsync(OwnerEmail);
        await page.GetByLabel("Password").FillAsync(OwnerPassword);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(next) + "$"));
    }

    public TestDatabase Database { get; }
    public TargetVisionApp App { get; }
    public Uri BaseUrl { get; }

    public static async Task<LiveApp> StartAsync(
        IDictionary<string, string?>? settings = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        var app = new TargetVisionApp(database, settings) { ConfigureTestServices = services };
        var baseUrl = app.StartRealServer();
        return new LiveApp(database, app, baseUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}
