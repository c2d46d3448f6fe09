using System.Text.Json.Nodes;
using FakeAi.Hosting;

namespace FakeAi.AnthropicApi;

/// <summary>
/// Server-sent events in the order the real API emits them — message_start, a ping, then per content block
/// content_block_start, its deltas (text_delta or input_json_delta) and content_block_stop, then message_delta
/// with the stop reason and usage, then message_stop — with every payload split over several deltas so a client's
/// incremental parsing is exercised. A scripted fault ends the stream with an <c>error</c> event instead.
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

        var deltas = 0;
        for (var index = 0; index < reply.Blocks.Count; index++)
        {
            var block = reply.Blocks[index];
            await Event(call, "content_block_start", new JsonObject
            {
                ["type"] = "content_block_start",
                ["index"] = index,
                ["content_block"] = AnthropicMessageJson.Block(block, emptyInput: true),
            });

            var payload = block.IsTool ? block.ToolInput!.ToJsonString(JsonReply.Compact) : block.Text ?? string.Empty;
            for (var offset = 0; offset < payload.Length; offset += ChunkSize)
            {
                if (reply.FailAfterDeltas is { } limit && deltas >= limit)
                {
                    await FailAsync(call, reply.StreamFault);
                    return;
                }

                var piece = payload.Substring(offset, Math.Min(ChunkSize, payload.Length - offset));
                var delta = block.IsTool
                    ? new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = piece }
                    : new JsonObject { ["type"] = "text_delta", ["text"] = piece };
                await Event(call, "content_block_delta", new JsonObject { ["type"] = "content_block_delta", ["index"] = index, ["delta"] = delta });
                deltas++;
                if (call.Options.StreamChunkDelay > TimeSpan.Zero)
                {
                    await Task.Delay(call.Options.StreamChunkDelay, call.Aborted);
                }
            }

            await Event(call, "content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = index });
        }

        if (reply.FailAfterDeltas is not null)
        {
            await FailAsync(call, reply.StreamFault);
            return;
        }

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

    // The status line is long gone (200); the real API reports overload or rate limits mid-stream this way.
    private static Task FailAsync(ApiCall call, FaultKind kind)
    {
        var (type, message) = kind switch
        {
            FaultKind.RateLimited => ("rate_limit_error", "This request would exceed the rate limit for your organization. Please try again later."),
            FaultKind.ServerError => ("api_error", "Internal server error"),
            _ => ("overloaded_error", "Overloaded"),
        };
        return Event(call, "error", new JsonObject
        {
            ["type"] = "error",
            ["error"] = new JsonObject { ["type"] = type, ["message"] = message },
            ["request_id"] = call.RequestId,
        });
    }

    private static async Task Event(ApiCall call, string name, JsonObject data)
    {
        await call.Http.Response.WriteAsync($"event: {name}\ndata: {data.ToJsonString(JsonReply.Compact)}\n\n", call.Aborted);
        await call.Http.Response.Body.FlushAsync(call.Aborted);
    }
}
