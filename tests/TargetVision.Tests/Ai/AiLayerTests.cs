using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FakeAi;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using TargetVision.Api.Features.Ai;
using TargetVision.Tests.Processing;

namespace TargetVision.Tests.Ai;

/// <summary>Key tests, prompt-test failures and query embeddings through the one AI layer, against the fake APIs.</summary>
public sealed class AiLayerTests(ProcessingFixture fixture) : IClassFixture<ProcessingFixture>
{
    [Fact]
    public async Task Test_key_calls_each_provider_through_its_chat_client_and_remembers_only_the_stored_keys_result()
    {
        using var session = await fixture.OwnerAsync();
        fixture.Claude.Calls.Reset();
        fixture.OpenAi.Calls.Reset();

        var stored = await TestKeyAsync(session, new { provider = "anthropic" });
        Assert.True(stored.GetProperty("ok").GetBoolean(), stored.ToString());
        Assert.Equal("The Anthropic key works.", stored.GetProperty("message").GetString());
        var anthropicCall = Assert.Single(fixture.Claude.Calls.Log);
        Assert.Equal(FakeAiOptions.DefaultTestKey, anthropicCall.ApiKey);
        var status = await session.GetJsonAsync("/api/ai/status");
        Assert.True(status.GetProperty("anthropic").GetProperty("lastValidationOk").GetBoolean());

        var typed = await TestKeyAsync(session, new { provider = "openai", apiKey = "sk-typed-in-key" });
        Assert.True(typed.GetProperty("ok").GetBoolean(), typed.ToString());
        Assert.Equal("sk-typed-in-key", Assert.Single(fixture.OpenAi.Calls.Log).ApiKey);

        // The fakes accept keys starting with sk-; anything else is a 401, reported as a sentence, not an error.
        var rejected = await TestKeyAsync(session, new { provider = "anthropic", apiKey = "wrong-key" });
        Assert.False(rejected.GetProperty("ok").GetBoolean());
        Assert.Contains("Anthropic rejected the key (401)", rejected.GetProperty("message").GetString(), StringComparison.Ordinal);
        var rejectedOpenAi = await TestKeyAsync(session, new { provider = "openai", apiKey = "wrong-key" });
        Assert.Contains("OpenAI rejected the key (401)", rejectedOpenAi.GetProperty("message").GetString(), StringComparison.Ordinal);
        // A typed-in key's result is not stored: the stored key still shows its own last test.
        status = await session.GetJsonAsync("/api/ai/status");
        Assert.True(status.GetProperty("anthropic").GetProperty("lastValidationOk").GetBoolean());
    }

    [Fact]
    public async Task Prompt_test_answers_provider_failures_as_problems()
    {
        using var session = await fixture.OwnerAsync();
        fixture.Claude.Faults.Clear();

        // Not an image: refused before any provider call, as a 422 naming the reason.
        using (var notImage = await UploadAsync(session, "plain text, not pixels"u8.ToArray()))
        {
            var problem = await ProblemAssert.IsProblem(notImage, HttpStatusCode.UnprocessableEntity);
            Assert.Contains("could not be read", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        // A 429 from the provider is transient: 503, try again shortly (the SDK's own retries are off).
        fixture.Claude.Faults.Enqueue(FaultKind.RateLimited, count: 1, retryAfter: TimeSpan.FromSeconds(1));
        using (var limited = await UploadAsync(session, Jpeg()))
        {
            var problem = await ProblemAssert.IsProblem(limited, HttpStatusCode.ServiceUnavailable);
            Assert.Contains("Anthropic rate limit (429)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var ok = await UploadAsync(session, Jpeg()))
        {
            await ApiSession.EnsureSuccess(ok);
        }
    }

    [Fact]
    public async Task Query_embeddings_come_from_the_local_model_rank_by_meaning_and_are_reused()
    {
        var generator = fixture.App.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        Assert.Equal(LocalTextEmbedder.ModelId, metadata?.DefaultModelId);
        Assert.Equal(LocalTextEmbedder.Dimensions, metadata?.DefaultModelDimensions);

        var queries = fixture.App.Services.GetRequiredService<QueryEmbeddingCache>();
        var dog = await queries.EmbedAsync("a dog running on the beach", CancellationToken.None);
        var puppy = await queries.EmbedAsync("puppy playing in the sand by the sea", CancellationToken.None);
        var tax = await queries.EmbedAsync("quarterly tax spreadsheet", CancellationToken.None);
        Assert.Equal(LocalTextEmbedder.Dimensions, dog.Length);
        Assert.Equal(1.0, Math.Sqrt(Dot(dog, dog)), 3);
        Assert.True(Dot(dog, puppy) > Dot(dog, tax) + 0.2, $"similar {Dot(dog, puppy)}, unrelated {Dot(dog, tax)}");

        // The same query again is served from the cache: the very same vector, not a recomputation.
        var again = await queries.EmbedAsync(" a dog running on the beach ", CancellationToken.None);
        Assert.True(again.Equals(dog), "the repeated query was embedded again");
        // The cached vector equals what the generator computes, so search and stored embeddings agree.
        var direct = await generator.GenerateVectorAsync("a dog running on the beach");
        Assert.Equal(dog.ToArray(), direct.ToArray());
    }

    [Fact]
    public async Task Chat_clients_of_both_providers_stream_text_and_tool_calls_and_raise_provider_exceptions()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var clients = scope.ServiceProvider.GetRequiredService<AiClients>();
        var anthropic = await clients.OpenChatAsync("claude-haiku-4-5", CancellationToken.None);
        Assert.Equal("anthropic", anthropic.Provider.Id);
        var openAi = clients.CreateUnmeteredChatClient("openai", "sk-chat-test-key", "gpt-4.1-mini");
        var findPhotos = AIFunctionFactory.CreateDeclaration("find_photos", "Search the library.",
            JsonDocument.Parse("""{"type":"object","properties":{"query":{"type":"string"}},"required":["query"]}""").RootElement);

        foreach (var client in new[] { anthropic.Client, openAi })
        {
            var updates = new List<ChatResponseUpdate>();
            await foreach (var update in client.GetStreamingResponseAsync("Say hello to the photo library."))
            {
                updates.Add(update);
            }
            Assert.True(updates.Count > 1, "the answer did not arrive in pieces");
            Assert.False(string.IsNullOrWhiteSpace(updates.ToChatResponse().Text));

            var toolUpdates = new List<ChatResponseUpdate>();
            await foreach (var update in client.GetStreamingResponseAsync("Find my beach photos.", new ChatOptions { Tools = [findPhotos], ToolMode = ChatToolMode.RequireAny }))
            {
                toolUpdates.Add(update);
            }
            var call = Assert.Single(toolUpdates.ToChatResponse().Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
            Assert.Equal("find_photos", call.Name);
            Assert.True(call.Arguments?.ContainsKey("query"), "the tool call has no query argument");
        }

        var rejected = clients.CreateUnmeteredChatClient("anthropic", "wrong-key", "claude-haiku-4-5");
        await Assert.ThrowsAsync<TargetVision.Api.Integrations.Ai.AiBadKeyException>(async () =>
        {
            await foreach (var _ in rejected.GetStreamingResponseAsync("hello"))
            {
            }
        });
    }

    private static double Dot(ReadOnlyMemory<float> a, ReadOnlyMemory<float> b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a.Span[i] * b.Span[i];
        }
        return sum;
    }

    private static async Task<JsonElement> TestKeyAsync(ApiSession session, object body)
    {
        using var response = await session.PostAsync("/api/settings/test-key", body);
        await ApiSession.EnsureSuccess(response);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Task<HttpResponseMessage> UploadAsync(ApiSession session, byte[] bytes)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("Describe the colours."), "text" },
            { new ByteArrayContent(bytes), "file", "test.jpg" },
        };
        return session.Client.PostAsync(new Uri("/api/prompts/test", UriKind.Relative), form);
    }

    private static byte[] Jpeg()
    {
        using var bitmap = new SkiaSharp.SKBitmap(64, 48);
        bitmap.Erase(new SkiaSharp.SKColor(200, 90, 30));
        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 80);
        return data.ToArray();
    }
}
