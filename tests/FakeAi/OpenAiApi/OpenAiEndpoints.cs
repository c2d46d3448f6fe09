using System.Text.Json.Nodes;
using FakeAi.Hosting;

namespace FakeAi.OpenAiApi;

/// <summary>Routes of the fake OpenAI API under <c>/v1</c>.</summary>
internal static class OpenAiEndpoints
{
    internal static void Map(IEndpointRouteBuilder routes, FakeApiState state)
    {
        routes.MapPost("/v1/chat/completions", (HttpContext http) =>
            ApiCallPipeline.RunAsync(http, state, OpenAiDialect.Instance, CallKind.Generation, call => HandleChatAsync(call, state)));
        routes.MapPost("/v1/embeddings", (HttpContext http) =>
            ApiCallPipeline.RunAsync(http, state, OpenAiDialect.Instance, CallKind.Embedding, OpenAiEmbeddings.HandleAsync));
    }

    internal static Task ListModelsAsync(HttpContext http, FakeApiState state) =>
        ApiCallPipeline.RunAsync(http, state, OpenAiDialect.Instance, CallKind.Other, call =>
            JsonReply.WriteAsync(call.Http.Response, new JsonObject
            {
                ["object"] = "list",
                ["data"] = new JsonArray([.. OpenAiModels.All.Select(Model)]),
            }));

    internal static Task GetModelAsync(HttpContext http, FakeApiState state, string id) =>
        ApiCallPipeline.RunAsync(http, state, OpenAiDialect.Instance, CallKind.Other, call =>
            OpenAiModels.IsChatModel(id) || OpenAiModels.EmbeddingDimensions.ContainsKey(id)
                ? JsonReply.WriteAsync(call.Http.Response, Model(id))
                : throw OpenAiModels.NotFound(id));

    private static async Task HandleChatAsync(ApiCall call, FakeApiState state)
    {
        var request = OpenAiChatRequestReader.Read(call.Body, call.Options);
        var reply = OpenAiChatReply.For(request, state.Script);
        var id = Ids.New("chatcmpl-", 29);
        var created = call.Now.ToUnixTimeSeconds();
        if (request.Stream)
        {
            await OpenAiStreamWriter.WriteAsync(call, id, created, request.Model, reply, request.IncludeUsageInStream);
            return;
        }

        await JsonReply.WriteAsync(call.Http.Response, OpenAiChatJson.Completion(id, created, request.Model, reply));
    }

    private static JsonObject Model(string id) => new()
    {
        ["id"] = id,
        ["object"] = "model",
        ["created"] = 1_715_367_049,
        ["owned_by"] = "system",
    };
}
