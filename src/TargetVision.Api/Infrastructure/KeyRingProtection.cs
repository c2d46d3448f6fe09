using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using TargetVision.Api.Infrastructure.Database;

namespace TargetVision.Api.Infrastructure;

/// <summary>
/// Where the Data Protection key ring lives and how it is protected. The ring is in PostgreSQL so every replica shares
/// it; with a certificate configured, each key is encrypted with it before it is stored, so the database (or a backup)
/// alone no longer decrypts the saved API keys.
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    /// <summary>PKCS#12 (.pfx) file whose certificate encrypts the key ring. Empty = keys stored unencrypted.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Password of the .pfx (also accepted as DataProtection__CertificatePassword_FILE).</summary>
    public string? CertificatePassword { get; set; }
}

public static class KeyRingProtection
{
    public static IServiceCollection AddKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        var builder = services.AddDataProtection()
            .SetApplicationName("TargetVision")
            .PersistKeysToDbContext<AppDbContext>();
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            if (!File.Exists(options.CertificatePath))
            {
                throw new InvalidOperationException($"DataProtection:CertificatePath points to '{options.CertificatePath}', which does not exist.");
            }
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword,
                X509KeyStorageFlags.EphemeralKeySet);
            builder.ProtectKeysWithCertificate(certificate);
            // Keys written before a certificate rotation stay readable as long as the old certificate is supplied too.
            builder.UnprotectKeysWithAnyCertificate(certificate);
        }
        else
        {
            services.AddHostedService<UnprotectedKeyRingWarning>();
        }
        return services;
    }
}

/// <summary>
/// Says at every start, outside Development, that the key ring is stored in the clear: anyone with a copy of the
/// database (a backup, a replica, a leaked dump) can then decrypt the saved AI keys and SmugMug tokens.
/// </summary>
internal sealed partial class UnprotectedKeyRingWarning(IHostEnvironment environment, ILogger<UnprotectedKeyRingWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment())
        {
            LogUnprotected(logger);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "SECURITY: the Data Protection key ring is NOT encrypted. Whoever holds a copy of the " +
        "database can decrypt the saved API keys and SmugMug tokens. Set DataProtection__CertificatePath (a .pfx) and " +
        "DataProtection__CertificatePassword_FILE; scripts/docker-setup.sh --prod creates one (docs/deployment.md, \"Key ring\").")]
    private static partial void LogUnprotected(ILogger logger);
}
