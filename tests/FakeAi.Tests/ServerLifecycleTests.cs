using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace FakeAi.Tests;

/// <summary>Start and stop behaviour that tests sharing a fixture depend on.</summary>
public sealed class ServerLifecycleTests
{
    [Fact]
    public async Task BaseUrlsFollowEachSdksConvention()
    {
        await using var anthropic = await FakeAnthropicServer.StartAsync();
        await using var openAi = await FakeOpenAiServer.StartAsync();

        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", anthropic.BaseUrl);
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/v1$", openAi.BaseUrl);
        Assert.NotEqual(anthropic.Root.Port, openAi.Root.Port);
    }

    [Fact]
    public async Task DisposingWhileACallHangsDropsTheConnectionInsteadOfAnsweringOk()
    {
        var server = await FakeAnthropicServer.StartAsync();
        server.Faults.Enqueue(FaultKind.Hang);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        var call = http.SendAsync(RawRequests.Anthropic(server.BaseUrl, RawRequests.MessageWithImage(TestImages.Red)));
        await server.Calls.WaitUntilAsync(c => c.InFlight == 1, TimeSpan.FromSeconds(5));

        await server.DisposeAsync();

        var outcome = await Record.ExceptionAsync(async () =>
        {
            using var response = await call;
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        });
        Assert.True(outcome is null or HttpRequestException or IOException, outcome?.ToString());
    }

    [Fact]
    public async Task OptionsPassedAtStartApply()
    {
        var options = new FakeAiOptions { RequestsPerMinute = 1 }.WithKeys("k-1");
        await using var server = await FakeOpenAiServer.StartAsync(options);
        using var http = new HttpClient();
        var body = new JsonObject { ["model"] = "text-embedding-3-small", ["input"] = "hello" };

        using var first = await http.SendAsync(RawRequests.OpenAi(server.BaseUrl, "/embeddings", body, "k-1"));
        using var second = await http.SendAsync(RawRequests.OpenAi(server.BaseUrl, "/embeddings", body, "k-1"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal((HttpStatusCode)429, second.StatusCode);
        Assert.Same(options, server.Options);
    }
}
