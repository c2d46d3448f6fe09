using System.Text.Json.Nodes;
using FakeAi.Hosting;

namespace FakeAi.AnthropicApi;

/// <summary>Routes of the fake Anthropic API: <c>POST /v1/messages</c> and the model list.</summary>
internal static class AnthropicEndpoints
{
    internal static readonly string[] Models =
        ["claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-5", "claude-sonnet-4-6", "claude-opus-4-6"];

    internal static void MapMessages(IEndpointRouteBuilder routes, FakeApiState state)
    {
        routes.MapPost("/v1/messages", (HttpContext http) =>
            ApiCallPipeline.RunAsync(http, state, AnthropicDialect.Instance, CallKind.Generation, call => HandleMessageAsync(call, state)));
    }

    internal static Task ListModelsAsync(HttpContext http, FakeApiState state) =>
        ApiCallPipeline.RunAsync(http, state, AnthropicDialect.Instance, CallKind.Other, call =>
        {
            var data = new JsonArray([.. Models.Select(Model)]);
            return JsonReply.WriteAsync(call.Http.Response, new JsonObject
            {
                ["data"] = data,
                ["has_more"] = false,
                ["first_id"] = Models[0],
                ["last_id"] = Models[^1],
            });
        });

    internal static Task GetModelAsync(HttpContext http, FakeApiState state, string id) =>
        ApiCallPipeline.RunAsync(http, state, AnthropicDialect.Instance, CallKind.Other, call =>
            id.StartsWith("claude-", StringComparison.Ordinal)
                ? JsonReply.WriteAsync(call.Http.Response, Model(id))
                : throw new FakeApiException(404, "not_found_error", $"model: {id}"));

    private static async Task HandleMessageAsync(ApiCall call, FakeApiState state)
    {
        var request = AnthropicRequestReader.Read(call.Body, call.Options);
        var reply = AnthropicReply.For(request, state.Script);
        var id = Ids.New("msg_01");
        if (request.Stream)
        {
            await AnthropicStreamWriter.WriteAsync(call, id, request.Model, reply);
            return;
        }

        var message = AnthropicMessageJson.Message(
            id,
            request.Model,
            [.. reply.Blocks.Select(b => AnthropicMessageJson.Block(b))],
            reply.StopReason,
            AnthropicMessageJson.Usage(reply.InputTokens, reply.OutputTokens));
        await JsonReply.WriteAsync(call.Http.Response, message);
    }

    // "claude-sonnet-4-5" → "Claude Sonnet 4.5", the way the real list names models.
    private static string DisplayName(string id)
    {
        var parts = id.Split('-', StringSplitOptions.RemoveEmptyEntries);
        var words = parts.TakeWhile(p => !char.IsDigit(p[0])).Select(p => char.ToUpperInvariant(p[0]) + p[1..]);
        var version = string.Join('.', parts.SkipWhile(p => !char.IsDigit(p[0])));
        return string.Join(' ', words) + (version.Length > 0 ? " " + version : string.Empty);
    }

    private static JsonObject Model(string id) => new()
    {
        ["type"] = "model",
        ["id"] = id,
        ["display_name"] = DisplayName(id),
        ["created_at"] = "2025-09-29T00:00:00Z",
        ["max_input_tokens"] = 200_000,
        ["max_tokens"] = 64_000,
    };
}
