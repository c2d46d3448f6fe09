using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace TargetVision.Api.Infrastructure.Database;

public static class DatabaseServiceCollectionExtensions
{
    public static IServiceCollection AddAppDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = BuildConnectionString(configuration, options);

        var dataSourceBuilder = new NpgsqlDataSourceBuilder(connectionString);
        dataSourceBuilder.UseVector();
        dataSourceBuilder.EnableDynamicJson();
        var dataSource = dataSourceBuilder.Build();
        services.AddSingleton(dataSource);

        services.AddDbContext<AppDbContext>(db => db
            .UseNpgsql(dataSource, npgsql =>
            {
                npgsql.UseVector();
                npgsql.CommandTimeout(options.CommandTimeoutSeconds);
                npgsql.MigrationsHistoryTable(DatabaseMigrator.HistoryTable);
            })
            .UseSnakeCaseNamingConvention());
        return services;
    }

    public static string BuildConnectionString(IConfiguration configuration, DatabaseOptions options)
    {
        var raw = configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(raw))
        {
            throw new InvalidOperationException(
                "No database configured: set ConnectionStrings__Default, or DB_HOST (with DB_PORT, DB_NAME, DB_USER, DB_PASSWORD or DB_PASSWORD_FILE).");
        }
        var builder = new NpgsqlConnectionStringBuilder(raw)
        {
            MaxPoolSize = options.MaxPoolSize,
            MinPoolSize = options.MinPoolSize,
        };
        // Kerberos is never used here; without this Npgsql probes libgssapi at start and logs a confusing error.
        if (!raw.Contains("GSS", StringComparison.OrdinalIgnoreCase))
        {
            builder.GssEncryptionMode = GssEncryptionMode.Disable;
        }
        builder.ApplicationName ??= "targetvision";
        return builder.ConnectionString;
    }
}
