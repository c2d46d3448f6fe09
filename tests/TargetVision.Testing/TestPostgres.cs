using Npgsql;

namespace TargetVision.Testing;

/// <summary>
/// The throwaway PostgreSQL cluster that scripts/test.sh starts (TV_TEST_PG = superuser connection string).
/// Every test class gets its own database owned by a non-superuser role, like production: the role cannot
/// create pgvector itself, so the superuser installs it first, as docker/postgres/init.sql does.
/// </summary>
public static class TestPostgres
{
    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("TV_TEST_PG")
        ?? throw new InvalidOperationException(
            "TV_TEST_PG is not set. Run the tests through scripts/test.sh, or start a cluster with " +
            "scripts/lib/pg-cluster.sh start .data/test-pg and export TV_TEST_PG to the connection string it prints.");

    public const string AppRole = "tv_app";
    public const string AppPassword = "tv_app_password";

    public static async Task<TestDatabase> CreateDatabaseAsync(bool installVector = true)
    {
        var name = "tv_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync();
            await Execute(admin, $"""
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{AppRole}') THEN
                    CREATE ROLE {AppRole} LOGIN PASSWORD '{AppPassword}';
                  END IF;
                EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
                END $$;
                """);
            await Execute(admin, $"CREATE DATABASE {name} OWNER {AppRole}");
        }
        var adminBuilder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = false };
        if (installVector)
        {
            await using var admin = new NpgsqlConnection(adminBuilder.ConnectionString);
            await admin.OpenAsync();
            await Execute(admin, "CREATE EXTENSION IF NOT EXISTS vector; CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;");
        }
        var app = new NpgsqlConnectionStringBuilder(AdminConnectionString)
        {
            Database = name,
            Username = AppRole,
            Password = AppPassword,
        };
        return new TestDatabase(name, app.ConnectionString, adminBuilder.ConnectionString);
    }

    internal static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>One test database; dropped on dispose.</summary>
public sealed class TestDatabase(string name, string connectionString, string adminConnectionString) : IAsyncDisposable
{
    public string Name { get; } = name;

    /// <summary>Connection string of the app's non-superuser role.</summary>
    public string ConnectionString { get; } = connectionString;

    /// <summary>Superuser connection to this database, for assertions that look under the hood.</summary>
    public string AdminConnectionString { get; } = adminConnectionString;

    public async Task<T?> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (n, v) in parameters)
        {
            command.Parameters.AddWithValue(n, v);
        }
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await TestPostgres.Execute(connection, sql);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestPostgres.AdminConnectionString);
        await admin.OpenAsync();
        await TestPostgres.Execute(admin, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }
}
