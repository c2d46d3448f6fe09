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
        foreach (var piece in Pieces(reply.Content ?? string.Empty))
        {
            await Data(call, OpenAiChatJson.Chunk(id, created, model, new JsonObject { ["content"] = piece }, null));
            await PauseAsync(call);
        }

        for (var index = 0; index < reply.ToolCalls.Count; index++)
        {
            var toolCall = reply.ToolCalls[index];
            var first = true;
            foreach (var piece in Pieces(toolCall.Arguments))
            {
                var delta = new JsonObject { ["tool_calls"] = OpenAiChatJson.ToolCallDelta(index, toolCall, piece, first) };
                await Data(call, OpenAiChatJson.Chunk(id, created, model, delta, null));
                first = false;
                await PauseAsync(call);
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

    private static IEnumerable<string> Pieces(string payload)
    {
        for (var offset = 0; offset < payload.Length; offset += ChunkSize)
        {
            yield return payload.Substring(offset, Math.Min(ChunkSize, payload.Length - offset));
        }
    }

    private static Task PauseAsync(ApiCall call) =>
        call.Options.StreamChunkDelay > TimeSpan.Zero ? Task.Delay(call.Options.StreamChunkDelay, call.Aborted) : Task.CompletedTask;

    private static async Task Data(ApiCall call, JsonObject chunk)
    {
        await call.Http.Response.WriteAsync($"data: {chunk.ToJsonString(JsonReply.Compact)}\n\n", call.Aborted);
        await call.Http.Response.Body.FlushAsync(call.Aborted);
    }
}
