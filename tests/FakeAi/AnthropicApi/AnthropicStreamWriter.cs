using System.Text.Json.Nodes;
using FakeAi.Hosting;

namespace FakeAi.AnthropicApi;

/// <summary>
/// Server-sent events in the order the real API emits them, with a ping after message_start and the
/// payload split over several deltas so a client's incremental parsing is actually exercised.
/// </summary>
internal static class AnthropicStreamWriter
{
    private const int ChunkSize = 24;

    internal static async Task WriteAsync(ApiCall call, string messageId, string model, AnthropicReply reply)
    {
        var response = call.Http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";

        var start = AnthropicMessageJson.Message(messageId, model, [], null, AnthropicMessageJson.Usage(reply.InputTokens, 1));
        await Event(call, "message_start", new JsonObject { ["type"] = "message_start", ["message"] = start });
        await Event(call, "ping", new JsonObject { ["type"] = "ping" });
        await Event(call, "content_block_start", new JsonObject
        {
            ["type"] = "content_block_start",
            ["index"] = 0,
            ["content_block"] = AnthropicMessageJson.Block(reply, emptyInput: true),
        });

        var isTool = reply.ToolName is not null;
        var payload = isTool ? reply.ToolInput!.ToJsonString(JsonReply.Compact) : reply.Text ?? string.Empty;
        for (var offset = 0; offset < payload.Length; offset += ChunkSize)
        {
            var piece = payload.Substring(offset, Math.Min(ChunkSize, payload.Length - offset));
            var delta = isTool
                ? new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = piece }
                : new JsonObject { ["type"] = "text_delta", ["text"] = piece };
            await Event(call, "content_block_delta", new JsonObject { ["type"] = "content_block_delta", ["index"] = 0, ["delta"] = delta });
            if (call.Options.StreamChunkDelay > TimeSpan.Zero)
            {
                await Task.Delay(call.Options.StreamChunkDelay, call.Aborted);
            }
        }

        await Event(call, "content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = 0 });
        await Event(call, "message_delta", new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = reply.StopReason, ["stop_sequence"] = null },
            ["usage"] = new JsonObject
            {
                ["input_tokens"] = reply.InputTokens,
                ["cache_creation_input_tokens"] = 0,
                ["cache_read_input_tokens"] = 0,
                ["output_tokens"] = reply.OutputTokens,
            },
        });
        await Event(call, "message_stop", new JsonObject { ["type"] = "message_stop" });
    }

    private static async Task Event(ApiCall call, string name, JsonObject data)
    {
        await call.Http.Response.WriteAsync($"event: {name}\ndata: {data.ToJsonString(JsonReply.Compact)}\n\n", call.Aborted);
        await call.Http.Response.Body.FlushAsync(call.Aborted);
    }
}
