using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using TargetVision.Api.Infrastructure.Database;

namespace TargetVision.Api.Features.Auth;

/// <summary>Creates and verifies the owner account.</summary>
public sealed class OwnerAccounts(AppDbContext db, IPasswordHasher<Owner> hasher, TimeProvider clock)
{
    public const int MinimumPasswordLength = 10;

    public Task<bool> ExistsAsync(CancellationToken ct) => db.Set<Owner>().AnyAsync(ct);

    /// <summary>Creates the owner unless one exists; returns null when the instance already has an owner.</summary>
    public async Task<Owner?> CreateAsync(string email, string password, CancellationToken ct)
    {
        if (await ExistsAsync(ct))
        {
            return null;
        }
        var owner = new Owner
        {
            Email = email.Trim(),
            NormalizedEmail = Normalize(email),
            PasswordHash = "",
            CreatedAt = clock.GetUtcNow(),
            SecurityStamp = SessionStamp.New(),
        };
        owner.PasswordHash = hasher.HashPassword(owner, password);
        db.Add(owner);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return null;
        }
        return owner;
    }

    /// <summary>Null for an unknown email or a wrong password alike, so callers cannot tell them apart.</summary>
    public async Task<Owner?> VerifyAsync(string email, string password, CancellationToken ct)
    {
        var normalized = Normalize(email);
        var owner = await db.Set<Owner>().SingleOrDefaultAsync(o => o.NormalizedEmail == normalized, ct);
        if (owner is null)
        {
            // Hash anyway so an unknown email costs the same time as a wrong password.
            hasher.HashPassword(new Owner { Email = "", NormalizedEmail = "", PasswordHash = "" }, password);
            return null;
        }
        var result = hasher.VerifyHashedPassword(owner, owner.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            return null;
        }
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            owner.PasswordHash = hasher.HashPassword(owner, password);
            await db.SaveChangesAsync(ct);
        }
        return owner;
    }

    public Task<Owner?> FindAsync(int id, CancellationToken ct) => db.Set<Owner>().SingleOrDefaultAsync(o => o.Id == id, ct);

    /// <summary>Replaces the owner's security stamp, which ends every session issued with the old one; returns the new stamp.</summary>
    public async Task<string> RotateStampAsync(int ownerId, CancellationToken ct)
    {
        var stamp = SessionStamp.New();
        await db.Set<Owner>().Where(o => o.Id == ownerId).ExecuteUpdateAsync(s => s.SetProperty(o => o.SecurityStamp, stamp), ct);
        return stamp;
    }

    /// <summary>The stamp new sessions carry; an account from before stamps existed gets one on its first sign-in.</summary>
    public async Task<string> CurrentStampAsync(Owner owner, CancellationToken ct)
    {
        if (owner.SecurityStamp.Length == 0)
        {
            owner.SecurityStamp = await RotateStampAsync(owner.Id, ct);
        }
        return owner.SecurityStamp;
    }

    /// <summary>Changes the password after checking the current one; false when the current one is wrong. Ends every other session.</summary>
    public async Task<Owner?> ChangePasswordAsync(int ownerId, string currentPassword, string newPassword, CancellationToken ct)
    {
        var owner = await db.Set<Owner>().SingleOrDefaultAsync(o => o.Id == ownerId, ct);
        if (owner is null || hasher.VerifyHashedPassword(owner, owner.PasswordHash, currentPassword) == PasswordVerificationResult.Failed)
        {
            return null;
        }
        owner.PasswordHash = hasher.HashPassword(owner, newPassword);
        owner.SecurityStamp = SessionStamp.New();
        await db.SaveChangesAsync(ct);
        return owner;
    }

    private static string Normalize(string email) => email.Trim().ToUpperInvariant();
}
