using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace TargetVision.Tests.Foundation;

public sealed class HealthAndOperationsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Live_and_ready_are_public_json_and_ready_reports_pgvector()
    {
        using var client = fixture.App.CreateClient();
        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var body = await ready.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal("Healthy", json.GetProperty("status").GetString());
        var db = json.GetProperty("checks").GetProperty("database");
        Assert.StartsWith("0.", db.GetProperty("data").GetProperty("pgvector").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, db.GetProperty("data").GetProperty("pendingMigrations").GetInt32());
    }

    [Fact]
    public async Task Metrics_are_served_only_on_the_management_port()
    {
        using var client = fixture.App.CreateClient();
        await client.GetAsync(new Uri("/api/auth/status", UriKind.Relative));

        // The app port: 404, also when the client claims the management port in its Host header.
        using var appPort = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, appPort.StatusCode);
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, new Uri("/metrics", UriKind.Relative));
        spoofed.Headers.Host = "localhost:9090";
        using var spoofedResponse = await client.SendAsync(spoofed);
        Assert.Equal(HttpStatusCode.NotFound, spoofedResponse.StatusCode);
        Assert.DoesNotContain("http_server_request_duration_seconds", await spoofedResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A connection that arrived on the management port (9090 by default) gets the Prometheus text.
        var context = await fixture.App.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/metrics";
            c.Connection.LocalPort = 9090;
        });
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        using var reader = new StreamReader(context.Response.Body);
        Assert.Contains("http_server_request_duration_seconds", await reader.ReadToEndAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_names_the_failed_check_without_the_exception_text()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        await using var app = new TargetVisionApp(database);
        using var client = app.CreateClient();
        using (var up = await client.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        }

        // The app's role may no longer connect: PostgreSQL's message names the database (53300).
        await database.ExecuteAsync($"ALTER DATABASE {database.Name} CONNECTION LIMIT 0; " +
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database.Name}' AND pid <> pg_backend_pid()");
        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var body = await ready.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var check = JsonDocument.Parse(body).RootElement.GetProperty("checks").GetProperty("database");
        Assert.Equal("Unhealthy", check.GetProperty("status").GetString());
        Assert.Contains("unreachable", check.GetProperty("description").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(database.Name, body, StringComparison.Ordinal);
        Assert.DoesNotContain("53300", body, StringComparison.Ordinal);
        Assert.DoesNotContain("connections", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Spa_shell_is_served_for_client_routes_with_security_headers()
    {
        using var client = fixture.App.CreateClient();
        using var response = await client.GetAsync(new Uri("/library/album/abc", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
    }
}

public sealed class MigrationTests
{
    [Fact]
    public async Task Concurrent_migrations_are_serialised_and_a_second_run_is_a_no_op()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        var settings = new Dictionary<string, string?> { ["Database:MigrateOnStartup"] = "false" };
        await using var a = new TargetVisionApp(database, settings);
        await using var b = new TargetVisionApp(database, settings);
        // Two replicas migrating at the same moment: the advisory lock makes the second wait and find nothing to do.
        await Task.WhenAll(MigrateAsync(a), MigrateAsync(b));
        var applied = await database.ScalarAsync<long>("SELECT count(*) FROM __ef_migrations_history");
        Assert.True(applied >= 1);
        await MigrateAsync(a);
        Assert.Equal(applied, await database.ScalarAsync<long>("SELECT count(*) FROM __ef_migrations_history"));
    }

    [Fact]
    public async Task Missing_pgvector_fails_with_a_message_naming_the_fix()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync(installVector: false);
        await using var app = new TargetVisionApp(database);
        var error = Assert.ThrowsAny<Exception>(() => app.Server);
        var message = Flatten(error);
        Assert.Contains("CREATE EXTENSION", message, StringComparison.Ordinal);
        Assert.Contains("superuser", message, StringComparison.Ordinal);
    }

    private static async Task MigrateAsync(TargetVisionApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TargetVision.Api.Infrastructure.Database.DatabaseMigrator>().MigrateAsync(CancellationToken.None);
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);
}
