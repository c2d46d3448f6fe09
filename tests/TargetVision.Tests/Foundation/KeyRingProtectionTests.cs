using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TargetVision.Tests.Foundation;

/// <summary>With a certificate configured, the stored key ring is encrypted: the database alone cannot decrypt secrets.</summary>
public sealed class KeyRingProtectionTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("tv-keyring-").FullName;

    [Fact]
    public async Task Keys_are_stored_encrypted_with_the_certificate_and_secrets_still_round_trip()
    {
        var pfx = Path.Combine(dir, "keyring.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=TargetVision key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pkcs12, "pfx-password"));
        }

        await using var database = await TestPostgres.CreateDatabaseAsync();
        var settings = new Dictionary<string, string?>
        {
            ["DataProtection:CertificatePath"] = pfx,
            ["DataProtection:CertificatePassword"] = "pfx-password",
        };
        await using (var app = new TargetVisionApp(database, settings))
        {
            using var session = app.CreateSession();
            await session.SignInAsOwnerAsync();
            using var put = await session.PutAsync("/api/settings", new { secrets = new { openAiApiKey = "sk-keyring-test-key-9999" } });
            await ApiSession.EnsureSuccess(put);
        }

        var xml = await database.ScalarAsync<string>("SELECT xml FROM data_protection_keys LIMIT 1");
        Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);

        // A restart with the same certificate reads the ring back and decrypts the saved key.
        await using (var restarted = new TargetVisionApp(database, settings))
        {
            using var session = restarted.CreateSession();
            await session.SignInAsOwnerAsync();
            var openAi = (await session.GetJsonAsync("/api/settings")).GetProperty("secrets").GetProperty("openAiApiKey");
            Assert.Equal("saved", openAi.GetProperty("source").GetString());
            Assert.Equal("9999", openAi.GetProperty("last4").GetString());
        }
    }

    [Fact]
    public async Task A_missing_certificate_file_stops_start_up_with_its_path()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        await using var app = new TargetVisionApp(database, new Dictionary<string, string?> { ["DataProtection:CertificatePath"] = "/nonexistent/keyring.pfx" });
        var error = Assert.ThrowsAny<Exception>(() => app.Server);
        Assert.Contains("/nonexistent/keyring.pfx", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_copy_of_the_database_alone_cannot_decrypt_the_saved_key()
    {
        var pfx = await WriteCertificateAsync("copy-password");
        await using var database = await TestPostgres.CreateDatabaseAsync();
        var settings = new Dictionary<string, string?>
        {
            ["DataProtection:CertificatePath"] = pfx,
            ["DataProtection:CertificatePassword"] = "copy-password",
        };
        await using (var app = new TargetVisionApp(database, settings))
        {
            using var session = app.CreateSession();
            await session.SignInAsOwnerAsync();
            using var put = await session.PutAsync("/api/settings", new { secrets = new { anthropicApiKey = "sk-ant-copied-db-7777" } });
            await ApiSession.EnsureSuccess(put);
        }
        var keyXml = await database.ScalarAsync<string>("SELECT xml FROM data_protection_keys ORDER BY id LIMIT 1");
        Assert.Contains("<encryptedSecret", keyXml, StringComparison.Ordinal);
        var ciphertext = await database.ScalarAsync<string>("SELECT value_encrypted FROM app_settings WHERE value_encrypted IS NOT NULL LIMIT 1");
        Assert.NotNull(ciphertext);

        // The same rows without the certificate: what a stolen backup gives an attacker.
        await using var thief = new TargetVisionApp(database);
        var protector = thief.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("TargetVision.Settings.Secrets.v1");
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(ciphertext));
    }

    [Fact]
    public async Task Start_up_warns_loudly_when_the_ring_is_unprotected_outside_development_and_not_when_protected()
    {
        var pfx = await WriteCertificateAsync("warn-password");
        await using var database = await TestPostgres.CreateDatabaseAsync();
        var unprotectedLogs = new CapturingLoggerProvider();
        await using (var app = new TargetVisionApp(database) { ConfigureTestServices = s => s.AddSingleton<ILoggerProvider>(unprotectedLogs) })
        {
            _ = app.Server;
        }
        Assert.Contains(unprotectedLogs.Messages, m => m.Level == LogLevel.Warning && m.Text.Contains("key ring is NOT encrypted", StringComparison.Ordinal));

        var protectedLogs = new CapturingLoggerProvider();
        var settings = new Dictionary<string, string?> { ["DataProtection:CertificatePath"] = pfx, ["DataProtection:CertificatePassword"] = "warn-password" };
        await using (var app = new TargetVisionApp(database, settings) { ConfigureTestServices = s => s.AddSingleton<ILoggerProvider>(protectedLogs) })
        {
            _ = app.Server;
        }
        Assert.DoesNotContain(protectedLogs.Messages, m => m.Text.Contains("key ring is NOT encrypted", StringComparison.Ordinal));
    }

    private async Task<string> WriteCertificateAsync(string password)
    {
        var pfx = Path.Combine(dir, $"{password}.pfx");
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=TargetVision key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pkcs12, password));
        return pfx;
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<(LogLevel Level, string Text)> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Messages.Enqueue((logLevel, formatter(state, exception)));
        }
    }
}
