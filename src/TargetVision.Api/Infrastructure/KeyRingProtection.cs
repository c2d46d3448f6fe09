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
        return services;
    }
}
