namespace TargetVision.Api.Integrations.SmugMug;

/// <summary>
/// Told when SmugMug's API answers 401 to an access token, so the account can be marked as needing a reconnect
/// (the integration knows the answer, the SmugMug feature owns the stored account).
/// </summary>
public interface ISmugMugAuthFailureSink
{
    Task TokenRefusedAsync(string token, string message, CancellationToken ct);
}
