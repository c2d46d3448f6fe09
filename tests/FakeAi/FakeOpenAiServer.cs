using FakeAi.Hosting;

namespace FakeAi;

/// <summary>
/// Fake OpenAI API (chat completions, embeddings, models). The SDK's endpoint must include <c>/v1</c>:
/// <c>new OpenAIClientOptions { Endpoint = server.Endpoint }</c>.
/// </summary>
public sealed class FakeOpenAiServer : FakeApiServer
{
    private FakeOpenAiServer(WebApplication app, FakeApiState state, Uri root)
        : base(app, state, root)
    {
    }

    public override string BaseUrl => Root.GetLeftPart(UriPartial.Authority) + "/v1";

    public Uri Endpoint => new(BaseUrl);

    public static async Task<FakeOpenAiServer> StartAsync(FakeAiOptions? options = null, CancellationToken cancellationToken = default)
    {
        var state = new FakeApiState(options ?? new FakeAiOptions());
        var (app, root) = await FakeHost.StartInProcessAsync(null, state, cancellationToken);
        return new FakeOpenAiServer(app, state, root);
    }
}
