using System.Text.Json;
using System.Text.Json.Nodes;

namespace FakeAi;

/// <summary>One piece of a scripted assistant message: text, or a call of one of the tools the request offered.</summary>
public abstract record ScriptedBlock;

public sealed record ScriptedText(string Text) : ScriptedBlock;

public sealed record ScriptedToolCall(string Name, JsonObject Input) : ScriptedBlock;

/// <summary>
/// What the fake model answers to one generation request, in order: text and tool calls as the real APIs return
/// them (Anthropic content blocks, OpenAI content plus <c>tool_calls</c>). <see cref="FailAfterDeltas"/> cuts a
/// streamed answer with a mid-stream <c>error</c> event after that many deltas, as the real API does under load.
/// </summary>
public sealed record ScriptedReply(IReadOnlyList<ScriptedBlock> Blocks)
{
    public int? FailAfterDeltas { get; init; }

    public FaultKind StreamFault { get; init; } = FaultKind.Overloaded;

    public static ScriptedReply Text(string text) => new([new ScriptedText(text)]);

    /// <summary>One tool call, optionally preceded by a sentence (Claude often says what it is about to do).</summary>
    public static ScriptedReply Tool(string name, object input, string? preamble = null) =>
        new([.. preamble is null ? [] : new ScriptedBlock[] { new ScriptedText(preamble) }, new ScriptedToolCall(name, ToObject(input))]);

    /// <summary>Several tool calls in one answer (parallel tool use).</summary>
    public static ScriptedReply Tools(string name, params object[] inputs) =>
        new([.. inputs.Select(i => (ScriptedBlock)new ScriptedToolCall(name, ToObject(i)))]);

    /// <summary>Streams <paramref name="deltas"/> deltas of this answer, then an <c>error</c> event instead of the rest.</summary>
    public ScriptedReply CutAfter(int deltas, FaultKind kind = FaultKind.Overloaded) => this with { FailAfterDeltas = deltas, StreamFault = kind };

    internal bool HasToolCalls => Blocks.Any(b => b is ScriptedToolCall);

    private static JsonObject ToObject(object input) => input as JsonObject
        ?? JsonSerializer.SerializeToNode(input) as JsonObject
        ?? throw new ArgumentException("A tool input must serialise to a JSON object.", nameof(input));
}

/// <summary>
/// Answers queued for the next generation requests that offer tools or carry no image (chat-style requests), so a
/// test decides what the model searches for, what it says and which ids it cites. With nothing queued the fake
/// answers by its deterministic default (search for the question's words, then cite what the tool returned).
/// </summary>
public sealed class ChatScript
{
    private readonly Queue<ScriptedReply> _replies = new();

    public int Count
    {
        get
        {
            lock (_replies)
            {
                return _replies.Count;
            }
        }
    }

    public ChatScript Enqueue(params ScriptedReply[] replies)
    {
        lock (_replies)
        {
            foreach (var reply in replies)
            {
                _replies.Enqueue(reply);
            }
        }

        return this;
    }

    public void Clear()
    {
        lock (_replies)
        {
            _replies.Clear();
        }
    }

    internal ScriptedReply? Take()
    {
        lock (_replies)
        {
            return _replies.TryDequeue(out var reply) ? reply : null;
        }
    }
}
