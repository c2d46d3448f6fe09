using Microsoft.AspNetCore.Http.HttpResults;
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
        TestKeyRequest request, SettingsStore store, ProviderKeyTester tester, CancellationToken ct)
    {
        var provider = request.Provider?.Trim().ToLowerInvariant();
        if (provider is null || !SettingsStore.Providers.Contains(provider))
        {
            return Problems.Field("provider", "Must be 'anthropic' or 'openai'.");
        }
        var secret = provider == "openai" ? SecretName.OpenAiApiKey : SecretName.AnthropicApiKey;
        var key = string.IsNullOrWhiteSpace(request.ApiKey) ? await store.GetSecretAsync(secret, ct) : request.ApiKey.Trim();
        if (key is null)
        {
            return Problems.Field("apiKey", $"No {(provider == "openai" ? "OpenAI" : "Anthropic")} key is saved or configured; enter one to test.");
        }
        var preferences = await store.GetPreferencesAsync(ct);
        var result = await tester.TestAsync(provider, key, provider == "openai" ? preferences.OpenAiModel : preferences.AnthropicModel, ct);
        // Only the stored key's health is remembered; testing a typed-in key changes nothing.
        if (string.IsNullOrWhiteSpace(request.ApiKey))
        {
            await store.RecordValidationAsync(secret, result.Ok, ct);
        }
        return TypedResults.Ok(result);
    }
}
