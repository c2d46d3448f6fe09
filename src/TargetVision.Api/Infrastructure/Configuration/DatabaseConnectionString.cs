using Npgsql;

namespace TargetVision.Api.Infrastructure.Configuration;

/// <summary>Builds the Npgsql connection string from the discrete DB_* variables.</summary>
public static class DatabaseConnectionString
{
    public static string FromParts(string host, string? port, string? database, string? user, string? password)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = host,
            Port = int.TryParse(port, out var p) ? p : 5432,
            Database = string.IsNullOrEmpty(database) ? "targetvision" : database,
            Username = string.IsNullOrEmpty(user) ? "targetvision" : user,
        };
        if (!string.IsNullOrEmpty(password))
        {
            builder.Password = password;
        }
        return builder.ConnectionString;
    }
}
