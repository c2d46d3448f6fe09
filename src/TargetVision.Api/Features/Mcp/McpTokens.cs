using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TargetVision.Api.Infrastructure.Database;

namespace TargetVision.Api.Features.Mcp;

public sealed record McpTokenView(long Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>The token text, returned exactly once, when it is created.</summary>
public sealed record McpTokenCreated(McpTokenView Token, string Secret);

/// <summary>Personal access tokens for the MCP server: random, stored as SHA-256 only, revocable.</summary>
public sealed class McpTokens(AppDbContext db, TimeProvider clock)
{
    public const string Prefix = "tvmcp_";

    /// <summary>How often a token's last-used time is written (not on every request of a busy agent).</summary>
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    public async Task<IReadOnlyList<McpTokenView>> ListAsync(CancellationToken ct) =>
        await db.Set<McpToken>().AsNoTracking().OrderByDescending(t => t.CreatedAt)
            .Select(t => new McpTokenView(t.Id, t.Name, t.Prefix, t.CreatedAt, t.LastUsedAt, t.RevokedAt)).ToListAsync(ct);

    public async Task<McpTokenCreated> CreateAsync(string name, CancellationToken ct)
    {
        // 32 random bytes: guessing is hopeless, so a plain (unsalted) hash is enough to look tokens up by.
        var secret = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var token = new McpToken { Name = name, Prefix = secret[..12], Hash = Hash(secret), CreatedAt = clock.GetUtcNow() };
        db.Add(token);
        await db.SaveChangesAsync(ct);
        return new McpTokenCreated(new McpTokenView(token.Id, token.Name, token.Prefix, token.CreatedAt, null, null), secret);
    }

    public async Task<bool> RevokeAsync(long id, CancellationToken ct) =>
        await db.Set<McpToken>().Where(t => t.Id == id && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, clock.GetUtcNow()), ct) > 0;

    /// <summary>The live token for a bearer value, its last use recorded; null when unknown or revoked.</summary>
    public async Task<McpToken?> ValidateAsync(string secret, CancellationToken ct)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return null;
        }
        var hash = Hash(secret);
        var token = await db.Set<McpToken>().AsNoTracking().FirstOrDefaultAsync(t => t.Hash == hash && t.RevokedAt == null, ct);
        if (token is null)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        if (token.LastUsedAt is null || now - token.LastUsedAt > TouchInterval)
        {
            await db.Set<McpToken>().Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
        }
        return token;
    }

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
