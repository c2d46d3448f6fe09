namespace TargetVision.Tests;

/// <summary>One database and one app per test class; tests inside a class share them.</summary>
public class AppFixture : IAsyncLifetime
{
    private TestDatabase? database;
    private TargetVisionApp? app;

    public TestDatabase Database => database ?? throw new InvalidOperationException("not initialised");
    public TargetVisionApp App => app ?? throw new InvalidOperationException("not initialised");

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Serve over real Kestrel on a port (streaming and disconnects as a browser sees them) instead of TestServer.</summary>
    protected virtual bool RealServer => false;

    private Uri? realServerUrl;

    public virtual async Task InitializeAsync()
    {
        database = await TestPostgres.CreateDatabaseAsync();
        app = new TargetVisionApp(database, Settings);
        // Start the host now: runs migrations and fails fast on configuration errors.
        if (RealServer)
        {
            realServerUrl = app.StartRealServer();
        }
        else
        {
            _ = app.Server;
        }
    }

    public virtual async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    /// <summary>A new client session signed in as the owner (created on first use).</summary>
    public async Task<ApiSession> OwnerSessionAsync()
    {
        var session = realServerUrl is null
            ? App.CreateSession()
            : new ApiSession(new HttpClient(new SessionHandler { InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false } }) { BaseAddress = realServerUrl });
        await session.SignInAsOwnerAsync();
        return session;
    }
}
