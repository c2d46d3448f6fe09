using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Infrastructure.Http;
using TargetVision.Api.Integrations.Anthropic;
using TargetVision.Api.Integrations.OpenAI;

namespace TargetVision.Api.Features.Ai;

/// <summary>Models on offer, provider key status (no model loading, no cost) and usage/cost totals.</summary>
public static class AiApi
{
    public static void MapAiApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/ai").WithTags("AI");
        group.MapGet("/models", Models).WithSummary("Models with provider, speed, price per million tokens and whether a key is configured.");
        group.MapGet("/status", Status).WithSummary("Per provider: key present, where it comes from, last validation.");
        group.MapGet("/usage", Usage).WithSummary("Calls, tokens and cost over the last ?days=30, per model and per day (UTC).");
    }

    private static async Task<Ok<List<AiModelView>>> Models(ModelCatalog catalog, AiClients clients, IAiSettings settings, CancellationToken ct)
    {
        var defaultId = (await settings.GetPreferencesAsync(ct)).PreferredModel;
        var keys = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var provider in clients.Providers)
        {
            keys[provider.Id] = (await settings.GetKeyStatusAsync(provider.Id, ct)).IsSet;
        }
        return TypedResults.Ok(catalog.Models.Select(m => new AiModelView(m.Id, m.Provider, m.Label, m.Speed, m.InputPerMTok, m.OutputPerMTok,
            keys.GetValueOrDefault(m.Provider), string.Equals(m.Id, defaultId, StringComparison.OrdinalIgnoreCase))).ToList());
    }

    private static async Task<Ok<AiStatusResponse>> Status(IAiSettings settings, CancellationToken ct)
    {
        async Task<ProviderStatusView> View(string provider)
        {
            var s = await settings.GetKeyStatusAsync(provider, ct);
            return new(s.IsSet, s.Source, s.LastValidatedAt, s.LastValidationOk);
        }
        return TypedResults.Ok(new AiStatusResponse(await View(AnthropicProvider.ProviderId), await View(OpenAIProvider.ProviderId)));
    }

    private static async Task<Results<Ok<UsageResponse>, ValidationProblem>> Usage(int? days, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var span = days ?? 30;
        if (span is < 1 or > 366)
        {
            return Problems.Field("days", "Must be between 1 and 366.");
        }
        var since = new DateTimeOffset(clock.GetUtcNow().UtcDateTime.Date.AddDays(1 - span), TimeSpan.Zero);
        var rows = db.Set<AiUsageRecord>().AsNoTracking().Where(u => u.CreatedAt >= since);
        var byModel = await rows.GroupBy(u => new { u.Model, u.Provider })
            .Select(g => new UsageByModel(g.Key.Model, g.Key.Provider, g.Count(), g.Sum(u => u.InputTokens), g.Sum(u => u.OutputTokens), g.Sum(u => u.CostUsd)))
            .ToListAsync(ct);
        var byDay = await DailyAsync(db, since, ct);
        var totals = new UsageTotals(byModel.Sum(m => m.Calls), byModel.Sum(m => m.InputTokens), byModel.Sum(m => m.OutputTokens), byModel.Sum(m => m.CostUsd));
        return TypedResults.Ok(new UsageResponse(span, totals, byModel.OrderByDescending(m => m.CostUsd).ToList(),
            byDay));
    }

    // Days are UTC calendar days, grouped in SQL so no usage rows are loaded.
    private static async Task<List<UsageByDay>> DailyAsync(AppDbContext db, DateTimeOffset since, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = new Npgsql.NpgsqlCommand("""
                SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::int, sum(cost_usd)
                FROM ai_usage WHERE created_at >= @since GROUP BY 1 ORDER BY 1
                """, (Npgsql.NpgsqlConnection)db.Database.GetDbConnection());
            command.Parameters.AddWithValue("since", since);
            var days = new List<UsageByDay>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                days.Add(new UsageByDay(reader.GetString(0), reader.GetInt32(1), reader.GetDecimal(2)));
            }
            return days;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
