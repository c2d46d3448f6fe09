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
        var deltas = 0;
        foreach (var piece in Pieces(reply.Content ?? string.Empty))
        {
            if (reply.FailAfterDeltas is { } limit && deltas >= limit)
            {
                await FailAsync(call, reply.StreamFault);
                return;
            }
            await Data(call, OpenAiChatJson.Chunk(id, created, model, new JsonObject { ["content"] = piece }, null));
            deltas++;
            await PauseAsync(call);
        }

        for (var index = 0; index < reply.ToolCalls.Count; index++)
        {
            var toolCall = reply.ToolCalls[index];
            var first = true;
            foreach (var piece in Pieces(toolCall.Arguments))
            {
                if (reply.FailAfterDeltas is { } limit && deltas >= limit)
                {
                    await FailAsync(call, reply.StreamFault);
                    return;
                }
                var delta = new JsonObject { ["tool_calls"] = OpenAiChatJson.ToolCallDelta(index, toolCall, piece, first) };
                await Data(call, OpenAiChatJson.Chunk(id, created, model, delta, null));
                deltas++;
                first = false;
                await PauseAsync(call);
            }
        }

        if (reply.FailAfterDeltas is not null)
        {
            await FailAsync(call, reply.StreamFault);
            return;
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

    // The status line is long gone (200): OpenAI reports a failure mid-stream as a data line holding an error object
    // (the official SDKs raise on it) and ends the stream without [DONE].
    private static async Task FailAsync(ApiCall call, FaultKind kind)
    {
        var (type, code, message) = kind switch
        {
            FaultKind.RateLimited => ("requests", "rate_limit_exceeded", "Rate limit reached for requests. Please try again later."),
            FaultKind.ServerError => ("server_error", (string?)null, "The server had an error while processing your request. Sorry about that!"),
            _ => ("server_error", (string?)null, "The server is overloaded or not ready yet."),
        };
        await Data(call, new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = code },
        });
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
