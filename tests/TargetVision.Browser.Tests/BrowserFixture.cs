namespace TargetVision.Browser.Tests;

/// <summary>
/// One Chromium per test run (Debian's package, never a downloaded browser), one context per test so cookies
/// and storage never leak between tests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // The machine is shared by parallel builds: a first page load can take longer than Playwright's 5 s default.
        Assertions.SetDefaultExpectTimeout(15_000);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("TV_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            // The machine has no network beyond loopback: background services would only produce noise.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh browser context whose console errors and CSP violations fail the test.</summary>
    public async Task<BrowserSession> NewSessionAsync(Uri baseUrl, int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var session = new BrowserSession(context, page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                session.ConsoleErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => session.ConsoleErrors.Add(error);
        return session;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        playwright?.Dispose();
    }
}

public sealed class BrowserSession(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IBrowserContext Context { get; } = context;
    public IPage Page { get; } = page;
    public List<string> ConsoleErrors { get; } = [];

    /// <summary>
    /// Errors the page logged, minus expected network noise: a 401 before signing in is part of the flow, and
    /// Chromium aborts in-flight requests with ERR_NETWORK_CHANGED when the host adds or removes a network interface
    /// (Docker creating a bridge for another job on the same machine), which says nothing about the app.
    /// </summary>
    public IEnumerable<string> UnexpectedErrors => ConsoleErrors.Where(e =>
        !e.Contains("status of 401", StringComparison.Ordinal) && !e.Contains("status of 404", StringComparison.Ordinal)
        && !e.Contains("net::ERR_NETWORK_CHANGED", StringComparison.Ordinal));

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
