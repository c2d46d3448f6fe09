using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using SkiaSharp;
using Xunit;

namespace FakeAi.Tests;

/// <summary>Wire-level behaviour of the fake Anthropic API: auth, envelopes, limits, knobs and faults.</summary>
public sealed class AnthropicHttpTests : IAsyncLifetime
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };
    private FakeAnthropicServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeAnthropicServer.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private Task<HttpResponseMessage> Send(JsonNode body, string? key = FakeAiOptions.DefaultTestKey, bool bearer = false, bool version = true) =>
        _http.SendAsync(RawRequests.Anthropic(_server.BaseUrl, body, key, bearer, version));

    private static async Task<(string Type, string Message)> ErrorAsync(HttpResponseMessage response)
    {
        var json = await RawRequests.JsonAsync(response);
        Assert.Equal("error", json.GetProperty("type").GetString());
        Assert.Equal(response.Headers.GetValues("request-id").Single(), json.GetProperty("request_id").GetString());
        var error = json.GetProperty("error");
        return (error.GetProperty("type").GetString()!, error.GetProperty("message").GetString()!);
    }

    [Fact]
    public async Task AcceptsXApiKeyAndBearer()
    {
        using var viaHeader = await Send(RawRequests.MessageWithImage(TestImages.Red));
        using var viaBearer = await Send(RawRequests.MessageWithImage(TestImages.Red), bearer: true);

        Assert.Equal(HttpStatusCode.OK, viaHeader.StatusCode);
        Assert.Equal(HttpStatusCode.OK, viaBearer.StatusCode);
        Assert.StartsWith("req_", viaHeader.Headers.GetValues("request-id").Single(), StringComparison.Ordinal);
        Assert.Equal(["x-api-key", "authorization"], _server.Calls.Log.Select(c => c.AuthHeader));
    }

    [Fact]
    public async Task ResponseHasTheMessagesShape()
    {
        using var response = await Send(RawRequests.MessageWithImage(TestImages.Red));
        var json = await RawRequests.JsonAsync(response);

        Assert.StartsWith("msg_", json.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("message", json.GetProperty("type").GetString());
        Assert.Equal("assistant", json.GetProperty("role").GetString());
        Assert.Equal("claude-sonnet-4-5", json.GetProperty("model").GetString());
        Assert.Equal("tool_use", json.GetProperty("stop_reason").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("stop_sequence").ValueKind);
        var block = json.GetProperty("content")[0];
        Assert.Equal("tool_use", block.GetProperty("type").GetString());
        Assert.StartsWith("toolu_", block.GetProperty("id").GetString(), StringComparison.Ordinal);
        var usage = json.GetProperty("usage");
        Assert.Equal(0, usage.GetProperty("cache_creation_input_tokens").GetInt32());
        Assert.Equal(0, usage.GetProperty("cache_read_input_tokens").GetInt32());
        Assert.True(response.Headers.Contains("anthropic-ratelimit-requests-remaining"));
    }

    [Fact]
    public async Task BadOrMissingKeyIs401AuthenticationError()
    {
        using var bad = await Send(RawRequests.MessageWithImage(TestImages.Red), key: "bad-key");
        using var missing = await Send(RawRequests.MessageWithImage(TestImages.Red), key: null);

        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Equal(("authentication_error", "invalid x-api-key"), await ErrorAsync(bad));
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("authentication_error", (await ErrorAsync(missing)).Type);
    }

    [Fact]
    public async Task ConfiguredKeySetReplacesThePrefixRule()
    {
        _server.Options.WithKeys("only-this-key");

        using var allowed = await Send(RawRequests.MessageWithImage(TestImages.Red), key: "only-this-key");
        using var refused = await Send(RawRequests.MessageWithImage(TestImages.Red), key: FakeAiOptions.DefaultTestKey);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task MissingVersionHeaderIs400()
    {
        using var response = await Send(RawRequests.MessageWithImage(TestImages.Red), version: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(("invalid_request_error", "anthropic-version: header is required"), await ErrorAsync(response));
    }

    [Fact]
    public async Task MissingFieldsAreInvalidRequestErrors()
    {
        var body = RawRequests.MessageWithImage(TestImages.Red);
        body.Remove("max_tokens");

        using var response = await Send(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(("invalid_request_error", "max_tokens: Field required"), await ErrorAsync(response));
    }

    [Fact]
    public async Task ImageOverFiveMegabytesIsRejectedWithTheRealMessage()
    {
        var big = new byte[4_000_000];
        new Random(1).NextBytes(big);
        var base64Length = Convert.ToBase64String(big).Length;

        using var response = await Send(RawRequests.MessageWithImage(big));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var (type, message) = await ErrorAsync(response);
        Assert.Equal("invalid_request_error", type);
        Assert.Equal(
            $"messages.0.content.0.image.source.base64: image exceeds 5 MB maximum: {base64Length} bytes > 5242880 bytes",
            message);
    }

    [Fact]
    public async Task ImageWiderThan8000PixelsIsRejected()
    {
        using var response = await Send(RawRequests.MessageWithImage(TestImages.Solid(SKColors.Gray, 8001, 4, SKEncodedImageFormat.Png), "image/png"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("exceed max allowed size: 8000 pixels", (await ErrorAsync(response)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UndecodableImageIsRejected()
    {
        using var response = await Send(RawRequests.MessageWithImage("definitely not a jpeg"u8.ToArray()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(("invalid_request_error", "messages.0.content.0.image.source.base64.data: Could not process image"), await ErrorAsync(response));
    }

    [Fact]
    public async Task MediaTypeMustMatchTheBytes()
    {
        var png = TestImages.Solid(SKColors.Green, format: SKEncodedImageFormat.Png);

        using var response = await Send(RawRequests.MessageWithImage(png, "image/jpeg"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("does not match the provided media type image/jpeg", (await ErrorAsync(response)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameImageGivesSameDescriptionAndColoursDiffer()
    {
        async Task<JsonElement> Describe(byte[] image)
        {
            using var response = await Send(RawRequests.MessageWithImage(image));
            return (await RawRequests.JsonAsync(response)).GetProperty("content")[0].GetProperty("input");
        }

        var first = await Describe(TestImages.Red);
        var second = await Describe(TestImages.Red);
        var blue = await Describe(TestImages.Blue);

        Assert.Equal(first.GetRawText(), second.GetRawText());
        Assert.Contains("red", first.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));
        Assert.Contains("blue", blue.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));
        Assert.Contains("portrait", blue.GetProperty("description").GetString()!, StringComparison.Ordinal);
        Assert.Equal(2, _server.Calls.CallsForImage(TestImages.Red));
        Assert.Equal(1, _server.Calls.CallsForImage(TestImages.Blue));
    }

    [Fact]
    public async Task SmallMaxTokensStopsWithMaxTokens()
    {
        using var response = await Send(RawRequests.MessageWithImage(TestImages.Red, maxTokens: 10));
        var json = await RawRequests.JsonAsync(response);

        Assert.Equal("max_tokens", json.GetProperty("stop_reason").GetString());
    }

    [Fact]
    public async Task RequestsPerMinuteLimitAnswers429WithRetryAfter()
    {
        _server.Options.RequestsPerMinute = 2;

        using var one = await Send(RawRequests.MessageWithImage(TestImages.Red));
        using var two = await Send(RawRequests.MessageWithImage(TestImages.Red));
        using var three = await Send(RawRequests.MessageWithImage(TestImages.Red));

        Assert.Equal(HttpStatusCode.OK, two.StatusCode);
        Assert.Equal("0", two.Headers.GetValues("anthropic-ratelimit-requests-remaining").Single());
        Assert.Equal((HttpStatusCode)429, three.StatusCode);
        Assert.Equal("rate_limit_error", (await ErrorAsync(three)).Type);
        var retryAfter = int.Parse(three.Headers.GetValues("retry-after").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal("2", three.Headers.GetValues("anthropic-ratelimit-requests-limit").Single());
        Assert.Equal(3, _server.Calls.TotalCalls);
        Assert.Equal(2, _server.Calls.SucceededCalls);
    }

    [Fact]
    public async Task ScriptedFaultsComeOutInOrder()
    {
        _server.Faults
            .Enqueue(FaultKind.RateLimited, retryAfter: TimeSpan.FromSeconds(7))
            .Enqueue(FaultKind.Overloaded)
            .Enqueue(FaultKind.ServerError)
            .Enqueue(FaultKind.ImageTooLarge);

        var results = new List<(int Status, string Type)>();
        string? retryAfter = null;
        for (var i = 0; i < 5; i++)
        {
            using var response = await Send(RawRequests.MessageWithImage(TestImages.Red));
            if (i == 0)
            {
                retryAfter = response.Headers.GetValues("retry-after").Single();
            }

            results.Add(((int)response.StatusCode, response.IsSuccessStatusCode ? "ok" : (await ErrorAsync(response)).Type));
        }

        Assert.Equal("7", retryAfter);
        Assert.Equal(
            [(429, "rate_limit_error"), (529, "overloaded_error"), (500, "api_error"), (400, "invalid_request_error"), (200, "ok")],
            results);
        Assert.Equal(0, _server.Faults.Count);
    }

    [Fact]
    public async Task HangingCallEndsWhenTheClientGivesUpAndIsCountedAsAborted()
    {
        _server.Faults.Enqueue(FaultKind.Hang);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _http.SendAsync(RawRequests.Anthropic(_server.BaseUrl, RawRequests.MessageWithImage(TestImages.Red)), timeout.Token));

        await _server.Calls.WaitUntilAsync(c => c.AbortedCalls == 1, TimeSpan.FromSeconds(5));
        Assert.Equal(0, _server.Calls.InFlight);
        var call = Assert.Single(_server.Calls.Log);
        Assert.True(call.Aborted);
        Assert.Equal(FaultKind.Hang, call.Fault);
    }

    [Fact]
    public async Task LatencyDelaysAnswersAndInFlightCountsConcurrency()
    {
        _server.Options.MinLatency = TimeSpan.FromMilliseconds(300);
        var started = System.Diagnostics.Stopwatch.StartNew();

        var calls = Enumerable.Range(0, 3).Select(_ => Send(RawRequests.MessageWithImage(TestImages.Red))).ToList();
        await _server.Calls.WaitUntilAsync(c => c.InFlight == 3, TimeSpan.FromSeconds(5));
        var responses = await Task.WhenAll(calls);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.True(started.ElapsedMilliseconds >= 300);
        Assert.Equal(3, _server.Calls.MaxInFlight);
        Assert.Equal(0, _server.Calls.InFlight);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task ResetClearsCountersFaultsAndWindow()
    {
        _server.Options.RequestsPerMinute = 1;
        using (await Send(RawRequests.MessageWithImage(TestImages.Red)))
        {
        }

        _server.Faults.Enqueue(FaultKind.ServerError);
        _server.Reset();

        using var response = await Send(RawRequests.MessageWithImage(TestImages.Red));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _server.Calls.TotalCalls);
    }

    [Fact]
    public async Task UnknownModelIs404AndUnknownRouteToo()
    {
        var body = RawRequests.MessageWithImage(TestImages.Red);
        body["model"] = "gpt-4o";
        using var model = await Send(body);
        using var route = await _http.GetAsync(_server.BaseUrl + "/v1/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, model.StatusCode);
        Assert.Equal("not_found_error", (await ErrorAsync(model)).Type);
        Assert.Equal(HttpStatusCode.NotFound, route.StatusCode);
    }
}
