using System.ClientModel;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Embeddings;
using Xunit;

namespace FakeAi.Tests;

/// <summary>The fake driven through the official OpenAI .NET SDK.</summary>
public sealed class OpenAiSdkTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private OpenAIClientOptions ClientOptions => new() { Endpoint = _server.Endpoint, NetworkTimeout = TimeSpan.FromSeconds(10) };

    private ChatClient Chat(string key = FakeAiOptions.DefaultTestKey) =>
        new("gpt-4o-mini", new ApiKeyCredential(key), ClientOptions);

    private static readonly BinaryData PhotoSchema = BinaryData.FromString("""
        {
          "type": "object",
          "properties": {
            "description": { "type": "string" },
            "keywords": { "type": "array", "items": { "type": "string" } },
            "people_count": { "type": "integer" },
            "setting": { "type": "string" }
          },
          "required": ["description", "keywords", "people_count", "setting"],
          "additionalProperties": false
        }
        """);

    [Fact]
    public async Task ImagePartWithJsonSchemaReturnsMatchingJson()
    {
        List<ChatMessage> messages =
        [
            new SystemChatMessage("You describe photos for a search index."),
            new UserChatMessage(
                ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(TestImages.Red), "image/jpeg", ChatImageDetailLevel.Low),
                ChatMessageContentPart.CreateTextPart("Describe this photo.")),
        ];
        var options = new ChatCompletionOptions
        {
            MaxOutputTokenCount = 1024,
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("photo_description", PhotoSchema, jsonSchemaIsStrict: true),
        };

        ChatCompletion completion = await Chat().CompleteChatAsync(messages, options);

        Assert.StartsWith("chatcmpl-", completion.Id, StringComparison.Ordinal);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        using var json = JsonDocument.Parse(completion.Content[0].Text);
        Assert.Contains("red", json.RootElement.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(0, json.RootElement.GetProperty("people_count").GetInt32());
        Assert.True(completion.Usage.InputTokenCount > 85);
        Assert.Equal(completion.Usage.InputTokenCount + completion.Usage.OutputTokenCount, completion.Usage.TotalTokenCount);
        Assert.Equal(1, _server.Calls.CallsForImage(TestImages.Red));
    }

    [Fact]
    public async Task ForcedFunctionReturnsToolCallArguments()
    {
        var options = new ChatCompletionOptions
        {
            Tools = { ChatTool.CreateFunctionTool("record_photo", "Record the description", PhotoSchema, functionSchemaIsStrict: true) },
            ToolChoice = ChatToolChoice.CreateFunctionChoice("record_photo"),
        };
        List<ChatMessage> messages =
        [
            new UserChatMessage(ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(TestImages.Blue), "image/jpeg")),
        ];

        ChatCompletion completion = await Chat().CompleteChatAsync(messages, options);

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        var call = Assert.Single(completion.ToolCalls);
        Assert.Equal("record_photo", call.FunctionName);
        using var json = JsonDocument.Parse(call.FunctionArguments);
        Assert.Contains("blue", json.RootElement.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));
    }

    [Fact]
    public async Task StreamingChatYieldsTheAnswerInPieces()
    {
        var text = new System.Text.StringBuilder();
        var updates = 0;
        await foreach (var update in Chat().CompleteChatStreamingAsync([new UserChatMessage("Hello fake model, repeat me.")]))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            updates++;
        }

        Assert.True(updates > 2);
        Assert.Contains("Hello fake model, repeat me.", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbeddingsDefaultToBase64AndAreUnitLength()
    {
        var client = new EmbeddingClient("text-embedding-3-small", new ApiKeyCredential(FakeAiOptions.DefaultTestKey), ClientOptions);

        OpenAIEmbedding embedding = await client.GenerateEmbeddingAsync("a red car parked on a city street");
        var vector = embedding.ToFloats().ToArray();

        Assert.Equal(1536, vector.Length);
        Assert.Equal(1.0, Math.Sqrt(vector.Sum(v => (double)v * v)), 3);
        Assert.Equal(1, _server.Calls.EmbeddingCalls);
    }

    [Fact]
    public async Task EmbeddingsHonourDimensionsAndRankRelatedTextHigher()
    {
        var client = new EmbeddingClient("text-embedding-3-small", new ApiKeyCredential(FakeAiOptions.DefaultTestKey), ClientOptions);

        OpenAIEmbeddingCollection result = await client.GenerateEmbeddingsAsync(
            ["red car on a street", "a red sports car", "green forest with ferns"],
            new EmbeddingGenerationOptions { Dimensions = 256 });
        var vectors = result.Select(e => e.ToFloats().ToArray()).ToList();

        Assert.All(vectors, v => Assert.Equal(256, v.Length));
        Assert.True(Cosine(vectors[0], vectors[1]) > Cosine(vectors[0], vectors[2]));

        var again = (await client.GenerateEmbeddingsAsync(["red car on a street"], new EmbeddingGenerationOptions { Dimensions = 256 })).Value;
        Assert.Equal(vectors[0], again[0].ToFloats().ToArray());
    }

    [Fact]
    public async Task BadKeyFailsWith401()
    {
        var error = await Assert.ThrowsAsync<ClientResultException>(() => Chat("wrong").CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(401, error.Status);
        Assert.Contains("invalid_api_key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SdkRetriesServerErrorThenSucceeds()
    {
        _server.Faults.Enqueue(FaultKind.ServerError, retryAfter: TimeSpan.Zero);

        ChatCompletion completion = await Chat().CompleteChatAsync([new UserChatMessage("hi")]);

        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(2, _server.Calls.TotalCalls);
    }

    private static double Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();
}
