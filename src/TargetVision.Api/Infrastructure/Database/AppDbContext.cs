using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace TargetVision.Api.Infrastructure.Database;

/// <summary>
/// The one database context. Features own their entities and configurations
/// (<see cref="IEntityTypeConfiguration{TEntity}"/> classes in their folders) and reach them with
/// <c>Set&lt;T&gt;()</c>, so this class stays small as features are added.
/// </summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // pgvector is not a trusted extension: a superuser creates it (docker/postgres/init.sql, test setup);
        // the migration's IF NOT EXISTS is then a no-op for the app's role.
        modelBuilder.HasPostgresExtension("vector");
        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}
