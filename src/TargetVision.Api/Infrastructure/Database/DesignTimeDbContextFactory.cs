using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace TargetVision.Api.Infrastructure.Database;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the app or reaching a database.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<AppDbContext>()
        .UseNpgsql("Host=localhost;Database=design_time", npgsql =>
        {
            npgsql.UseVector();
            npgsql.MigrationsHistoryTable("__ef_migrations_history");
        })
        .UseSnakeCaseNamingConvention()
        .Options);
}
