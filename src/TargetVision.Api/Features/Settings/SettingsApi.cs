using Microsoft.AspNetCore.Http.HttpResults;
using TargetVision.Api.Features.Ai;
using TargetVision.Api.Infrastructure.Http;

namespace TargetVision.Api.Features.Settings;

public static class SettingsApi
{
    public static RouteGroupBuilder MapSettingsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/settings").WithTags("Settings");
        group.MapGet("/", Get).WithSummary("Settings; secrets only as set/source/last four characters.");
        group.MapPut("/", Update).WithSummary("Save settings; an empty secret clears the saved value (the environment default applies again).");
        group.MapPost("/test-key", TestKey).WithSummary("Check an Anthropic or OpenAI key with a minimal real call.");
        return group;
    }

    private static async Task<Ok<SettingsResponse>> Get(SettingsStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.GetAsync(ct));

    private static async Task<Results<Ok<SettingsResponse>, ValidationProblem>> Update(SettingsUpdateRequest request, SettingsStore store, CancellationToken ct)
    {
        var errors = SettingsValidation.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        await store.UpdateAsync(request, ct);
        return TypedResults.Ok(await store.GetAsync(ct));
    }

    private static async Task<Results<Ok<TestKeyResponse>, ValidationProblem>> TestKey(
        TestKeyRequest request, IAiSettings settings, AiClients clients, AiKeyTester tester, CancellationToken ct)
    {
        var provider = clients.FindProvider(request.Provider?.Trim().ToLowerInvariant());
        if (provider is null)
        {
            return Problems.Field("provider", "Must be 'anthropic' or 'openai'.");
        }
        var key = string.IsNullOrWhiteSpace(request.ApiKey) ? await settings.GetApiKeyAsync(provider.Id, ct) : request.ApiKey.Trim();
        if (key is null)
        {
            return Problems.Field("apiKey", $"No {provider.DisplayName} key is saved or configured; enter one to test.");
        }
        var preferences = await settings.GetPreferencesAsync(ct);
        var result = await tester.TestAsync(provider.Id, key, preferences.ModelFor(provider.Id) ?? provider.DefaultModel, ct);
        // Only the stored key's health is remembered; testing a typed-in key changes nothing.
        if (string.IsNullOrWhiteSpace(request.ApiKey))
        {
            await settings.RecordKeyValidationAsync(provider.Id, result.Ok, ct);
        }
        return TypedResults.Ok(result);
    }
}
