using Microsoft.Extensions.DependencyInjection;
using TargetVision.Api.Infrastructure.Jobs;

namespace TargetVision.Tests.Jobs;

/// <summary>An app whose worker runs probe jobs with short leases and fast retries.</summary>
public sealed class JobQueueFixture : IAsyncLifetime
{
    public static readonly Dictionary<string, string?> FastQueue = new()
    {
        ["Jobs:Concurrency"] = "4",
        ["Jobs:LeaseSeconds"] = "3",
        ["Jobs:PollSeconds"] = "0.2",
        ["Jobs:RetryBaseSeconds"] = "0.05",
        ["Jobs:MaxAttempts"] = "3",
    };

    public TestDatabase Database { get; private set; } = null!;
    public TargetVisionApp App { get; private set; } = null!;
    public ProbeLog Log { get; } = new();

    public async Task InitializeAsync()
    {
        Database = await TestPostgres.CreateDatabaseAsync();
        App = CreateReplica(Log);
        _ = App.Server;
    }

    public TargetVisionApp CreateReplica(ProbeLog log, IDictionary<string, string?>? overrides = null) =>
        new(Database, overrides is null ? FastQueue : FastQueue.Concat(overrides).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value))
        {
            ConfigureTestServices = services =>
            {
                services.AddSingleton(log);
                services.AddJobHandler<ProbeJobHandler>(ProbeJobHandler.Kind);
            },
        };

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}
