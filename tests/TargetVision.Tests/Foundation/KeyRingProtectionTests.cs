using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

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

    public void Dispose() => Directory.Delete(dir, recursive: true);
}
