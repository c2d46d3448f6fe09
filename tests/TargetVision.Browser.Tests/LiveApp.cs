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
