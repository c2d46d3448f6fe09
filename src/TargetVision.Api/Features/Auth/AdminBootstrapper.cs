using Microsoft.Extensions.Options;

namespace TargetVision.Api.Features.Auth;

/// <summary>Creates the owner from ADMIN_EMAIL + ADMIN_PASSWORD(_FILE) at start-up when none exists yet.</summary>
internal sealed class AdminBootstrapper(IServiceScopeFactory scopes, IOptions<AdminOptions> options, ILogger<AdminBootstrapper> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var admin = options.Value;
        if (string.IsNullOrWhiteSpace(admin.Email) || string.IsNullOrEmpty(admin.Password))
        {
            return;
        }
        if (admin.Password.Length < OwnerAccounts.MinimumPasswordLength)
        {
            logger.LogError("ADMIN_PASSWORD is shorter than {Length} characters; the owner was not created", OwnerAccounts.MinimumPasswordLength);
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var owners = scope.ServiceProvider.GetRequiredService<OwnerAccounts>();
        if (await owners.CreateAsync(admin.Email, admin.Password, cancellationToken) is not null)
        {
            logger.LogInformation("Created the owner account from ADMIN_EMAIL");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
