using Microsoft.EntityFrameworkCore;
using Npgsql;
using TargetVision.Api.Infrastructure.Database;

namespace TargetVision.Api.Features.Processing;

/// <summary>The prompt actually used for a description: its id, version and text.</summary>
public sealed record ResolvedPrompt(int Id, string Name, int Version, string Text);

/// <summary>Prompts and their versions; seeds the built-in default on first use.</summary>
public sealed class PromptStore(AppDbContext db, TimeProvider clock)
{
    public const string DefaultKey = "default";

    /// <summary>Creates the built-in default once (race-safe across replicas) and returns it.</summary>
    public async Task<Prompt> EnsureDefaultAsync(CancellationToken ct)
    {
        var existing = await db.Set<Prompt>().SingleOrDefaultAsync(p => p.BuiltInKey == DefaultKey, ct);
        if (existing is not null)
        {
            return existing;
        }
        var now = clock.GetUtcNow();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            WITH p AS (
                INSERT INTO prompts (name, built_in_key, current_version, is_active, created_at, updated_at)
                VALUES ({PromptTemplates.DefaultName}, {DefaultKey}, 1, NOT EXISTS (SELECT 1 FROM prompts WHERE is_active), {now}, {now})
                ON CONFLICT DO NOTHING
                RETURNING id)
            INSERT INTO prompt_versions (prompt_id, version, text, created_at) SELECT id, 1, {PromptTemplates.DefaultText}, {now} FROM p
            """, ct);
        return await db.Set<Prompt>().SingleAsync(p => p.BuiltInKey == DefaultKey, ct);
    }

    /// <summary>The given prompt (any version's current text), or the active one, or the default.</summary>
    public async Task<ResolvedPrompt?> ResolveAsync(int? promptId, CancellationToken ct)
    {
        var fallback = await EnsureDefaultAsync(ct);
        var prompt = promptId is { } id
            ? await db.Set<Prompt>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct)
            : await db.Set<Prompt>().AsNoTracking().SingleOrDefaultAsync(p => p.IsActive, ct) ?? fallback;
        if (prompt is null)
        {
            return null;
        }
        var text = await db.Set<PromptVersion>().AsNoTracking()
            .Where(v => v.PromptId == prompt.Id && v.Version == prompt.CurrentVersion).Select(v => v.Text).SingleAsync(ct);
        return new ResolvedPrompt(prompt.Id, prompt.Name, prompt.CurrentVersion, text);
    }

    /// <summary>A specific version, as stored in a job payload, so a prompt edited mid-batch does not mix texts.</summary>
    public async Task<ResolvedPrompt?> GetVersionAsync(int promptId, int version, CancellationToken ct)
    {
        var row = await (from p in db.Set<Prompt>().AsNoTracking()
                         join v in db.Set<PromptVersion>().AsNoTracking() on p.Id equals v.PromptId
                         where p.Id == promptId && v.Version == version
                         select new { p.Name, v.Text }).SingleOrDefaultAsync(ct);
        return row is null ? null : new ResolvedPrompt(promptId, row.Name, version, row.Text);
    }

    public async Task<List<(Prompt Prompt, string Text)>> ListAsync(CancellationToken ct)
    {
        await EnsureDefaultAsync(ct);
        var rows = await (from p in db.Set<Prompt>().AsNoTracking()
                          join v in db.Set<PromptVersion>().AsNoTracking() on new { p.Id, V = p.CurrentVersion } equals new { Id = v.PromptId, V = v.Version }
                          orderby p.BuiltInKey == null, p.Name
                          select new { p, v.Text }).ToListAsync(ct);
        return rows.Select(r => (r.p, r.Text)).ToList();
    }

    public async Task<Prompt> CreateAsync(string name, string text, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var prompt = new Prompt { Name = name, CurrentVersion = 1, CreatedAt = now, UpdatedAt = now };
        db.Add(prompt);
        await db.SaveChangesAsync(ct);
        db.Add(new PromptVersion { PromptId = prompt.Id, Version = 1, Text = text, CreatedAt = now });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return prompt;
    }

    /// <summary>Saves a new version (the old text stays, referenced by the descriptions it produced).</summary>
    public async Task<Prompt?> UpdateAsync(int id, string? name, string text, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var prompt = await db.Set<Prompt>().FromSql($"SELECT * FROM prompts WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(ct);
        if (prompt is null)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        prompt.CurrentVersion++;
        prompt.UpdatedAt = now;
        if (!string.IsNullOrWhiteSpace(name) && prompt.BuiltInKey is null)
        {
            prompt.Name = name.Trim();
        }
        db.Add(new PromptVersion { PromptId = prompt.Id, Version = prompt.CurrentVersion, Text = text, CreatedAt = now });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return prompt;
    }

    /// <summary>Makes one prompt the active one; the single-active index makes concurrent activations safe.</summary>
    public async Task<bool> ActivateAsync(int id, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await db.Set<Prompt>().AnyAsync(p => p.Id == id, ct))
        {
            return false;
        }
        await db.Set<Prompt>().Where(p => p.IsActive && p.Id != id).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsActive, false), ct);
        await db.Set<Prompt>().Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsActive, true), ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Activates the built-in default again, restoring its original text if it was edited.</summary>
    public async Task<Prompt> ResetAsync(CancellationToken ct)
    {
        var prompt = await EnsureDefaultAsync(ct);
        var current = await ResolveAsync(prompt.Id, ct);
        if (current?.Text != PromptTemplates.DefaultText)
        {
            prompt = (await UpdateAsync(prompt.Id, null, PromptTemplates.DefaultText, ct))!;
        }
        await ActivateAsync(prompt.Id, ct);
        return prompt;
    }

    public static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
