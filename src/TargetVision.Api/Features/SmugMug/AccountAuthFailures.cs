using TargetVision.Api.Integrations.SmugMug;

namespace TargetVision.Api.Features.SmugMug;

/// <summary>Records a 401 on the stored account (in its own scope: the transport is shared by every caller).</summary>
internal sealed class AccountAuthFailures(IServiceScopeFactory scopes, ILogger<AccountAuthFailures> logger) : ISmugMugAuthFailureSink
{
    public async Task TokenRefusedAsync(string token, string message, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SmugMugAccountStore>().RecordAuthFailureAsync(token, message, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The caller already gets SmugMug's refusal; failing to remember it must not hide that answer.
            logger.LogWarning(e, "Could not record that SmugMug refused the access token");
        }
    }
}
