using FakeAi.Hosting;

namespace FakeAi;

/// <summary>
/// Fake Anthropic Messages API. Give <see cref="FakeApiServer.BaseUrl"/> (no <c>/v1</c>) to the official SDK:
/// <c>new AnthropicClient(new ClientOptions { ApiKey = FakeAiOptions.DefaultTestKey, BaseUrl = server.BaseUrl })</c>.
/// </summary>
public sealed class FakeAnthropicServer : FakeApiServer
{
    private FakeAnthropicServer(WebApplication app, FakeApiState state, Uri root)
        : base(app, state, root)
    {
    }

    public override string BaseUrl => Root.GetLeftPart(UriPartial.Authority);

    public static async Task<FakeAnthropicServer> StartAsync(FakeAiOptions? options = null, CancellationToken cancellationToken = default)
    {
        var state = new FakeApiState(options ?? new FakeAiOptions());
        var (app, root) = await FakeHost.StartInProcessAsync(state, null, cancellationToken);
        return new FakeAnthropicServer(app, state, root);
    }
}
