using System.Text.Json.Nodes;
using FakeAi.Hosting;

namespace FakeAi.OpenAiApi;

/// <summary>Chat completion chunks as <c>data:</c> lines ending with <c>[DONE]</c>, as the SDK's streaming reader expects.</summary>
internal static class OpenAiStreamWriter
{
    private const int ChunkSize = 24;

    internal static async Task WriteAsync(ApiCall call, string id, long created, string model, OpenAiChatReply reply, bool includeUsage)
    {
        var response = call.Http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";

        await Data(call, OpenAiChatJson.Chunk(id, created, model, new JsonObject { ["role"] = "assistant", ["content"] = string.Empty, ["refusal"] = null }, null));
        var payload = reply.FunctionName is null ? reply.Content ?? string.Empty : reply.Arguments ?? "{}";
        var callId = Ids.New("call_");
        for (var offset = 0; offset < payload.Length; offset += ChunkSize)
        {
            var piece = payload.Substring(offset, Math.Min(ChunkSize, payload.Length - offset));
            var delta = reply.FunctionName is null
                ? new JsonObject { ["content"] = piece }
                : new JsonObject { ["tool_calls"] = OpenAiChatJson.ToolCalls(reply, callId, piece, offset == 0) };
            await Data(call, OpenAiChatJson.Chunk(id, created, model, delta, null));
            if (call.Options.StreamChunkDelay > TimeSpan.Zero)
            {
                await Task.Delay(call.Options.StreamChunkDelay, call.Aborted);
            }
        }

        await Data(call, OpenAiChatJson.Chunk(id, created, model, [], reply.FinishReason));
        if (includeUsage)
        {
            var usageChunk = OpenAiChatJson.Chunk(id, created, model, [], null);
            usageChunk["choices"] = new JsonArray();
            usageChunk["usage"] = OpenAiChatJson.Usage(reply);
            await Data(call, usageChunk);
        }

        await response.WriteAsync("data: [DONE]\n\n", call.Aborted);
        await response.Body.FlushAsync(call.Aborted);
    }

    private static async Task Data(ApiCall call, JsonObject chunk)
    {
        await call.Http.Response.WriteAsync($"data: {chunk.ToJsonString(JsonReply.Compact)}\n\n", call.Aborted);
        await call.Http.Response.Body.FlushAsync(call.Aborted);
    }
}
