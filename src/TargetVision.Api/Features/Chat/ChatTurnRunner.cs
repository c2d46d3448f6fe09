using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using TargetVision.Api.Features.Ai;
using TargetVision.Api.Features.Search;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Integrations.Ai;
using AiMessage = Microsoft.Extensions.AI.ChatMessage;
using AiRole = Microsoft.Extensions.AI.ChatRole;

namespace TargetVision.Api.Features.Chat;

/// <summary>Where a turn's server-sent events go (the HTTP response, or a test's list).</summary>
public delegate Task ChatEventSink(string name, object payload, CancellationToken ct);

/// <summary>
/// One question → one answer. The loop is ours rather than a function-invoking middleware's, because the turn must
/// count searches (after <see cref="ChatSettings.MaxToolCallsPerTurn"/> the model is asked to answer with tool
/// choice none), keep every retrieved id (the only ones it may cite), stream cleaned text while it arrives, retry a
/// step cut by a 429/529, and store what happened even when the user stops it.
/// </summary>
public sealed partial class ChatTurnRunner(
    AppDbContext db, AiClients ai, PhotoFinder finder, IOptions<ChatSettings> options, TimeProvider clock, ILogger<ChatTurnRunner> logger)
{
    public async Task RunAsync(Conversation conversation, string question, AiModel model, ChatEventSink emit, CancellationToken ct)
    {
        var settings = options.Value;
        var history = await db.Set<ConversationMessage>().AsNoTracking()
            .Where(m => m.ConversationId == conversation.Id).OrderByDescending(m => m.Sequence).Take(settings.HistoryMessages)
            .Include(m => m.ToolCalls).ToListAsync(ct);
        history.Reverse();
        var sequence = history.Count == 0 ? 0 : history[^1].Sequence;
        var now = clock.GetUtcNow();
        db.Add(new ConversationMessage
        {
            ConversationId = conversation.Id,
            Sequence = ++sequence,
            Role = MessageRole.User,
            Text = question,
            Status = MessageStatus.Complete,
            CreatedAt = now,
        });
        conversation.UpdatedAt = now;
        await db.SaveChangesAsync(ct);

        var answer = new ConversationMessage
        {
            ConversationId = conversation.Id,
            Sequence = ++sequence,
            Role = MessageRole.Assistant,
            Status = MessageStatus.Complete,
            Provider = model.Provider,
            Model = model.Id,
            CreatedAt = now,
        };
        var turn = new TurnState(answer, settings.MaxToolCallsPerTurn);
        var messages = new List<AiMessage> { new(AiRole.System, ChatPrompt.System(settings.MaxToolCallsPerTurn, now)) };
        messages.AddRange(Replay(history));
        messages.Add(new AiMessage(AiRole.User, question));
        try
        {
            var chat = await ai.OpenChatAsync(model.Id, ct);
            await RunStepsAsync(chat, messages, turn, emit, ct);
            await FinishAsync(turn, emit, ct);
        }
        catch (Exception ex) when (ct.IsCancellationRequested && ex is OperationCanceledException or IOException)
        {
            // The browser stopped the turn (or went away): the provider request is already aborted by the token.
            answer.Status = MessageStatus.Stopped;
        }
        catch (AiProviderException ex)
        {
            answer.Status = MessageStatus.Failed;
            answer.Error = ex.Message;
            await SafeEmitAsync(emit, "error", new ChatErrorEvent(ex.Message, ex.IsTransient), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex, conversation.Id);
            answer.Status = MessageStatus.Failed;
            answer.Error = "The answer failed because of an unexpected error on the server.";
            await SafeEmitAsync(emit, "error", new ChatErrorEvent(answer.Error, Retryable: true), ct);
        }
        finally
        {
            await SaveAsync(conversation, turn);
        }
        if (answer.Status != MessageStatus.Stopped)
        {
            await SafeEmitAsync(emit, "done", Done(answer), ct);
        }
    }

    private async Task RunStepsAsync(AiChat chat, List<AiMessage> messages, TurnState turn, ChatEventSink emit, CancellationToken ct)
    {
        var settings = options.Value;
        while (true)
        {
            var chatOptions = new ChatOptions
            {
                Tools = [SearchPhotosTool.Declaration],
                ToolMode = turn.SearchesLeft > 0 ? ChatToolMode.Auto : ChatToolMode.None,
                MaxOutputTokens = settings.MaxOutputTokens,
            };
            var response = await StreamStepAsync(chat, messages, chatOptions, turn, emit, ct);
            messages.AddRange(response.Messages);
            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            if (calls.Count == 0)
            {
                return;
            }
            var results = new List<AIContent>();
            foreach (var call in calls)
            {
                results.Add(new FunctionResultContent(call.CallId, await RunToolAsync(call, turn, emit, ct)));
            }
            messages.Add(new AiMessage(AiRole.Tool, results));
        }
    }

    /// <summary>One provider request, streamed; retried from its start after a transient failure.</summary>
    private async Task<ChatResponse> StreamStepAsync(
        AiChat chat, List<AiMessage> messages, ChatOptions chatOptions, TurnState turn, ChatEventSink emit, CancellationToken ct)
    {
        var settings = options.Value;
        var committedText = turn.Text.Length;
        var committedCitations = turn.Citations.Cited.Count;
        for (var attempt = 0; ; attempt++)
        {
            var updates = new List<ChatResponseUpdate>();
            var watch = Stopwatch.StartNew();
            try
            {
                await foreach (var update in chat.Client.GetStreamingResponseAsync(messages, chatOptions, ct))
                {
                    updates.Add(update);
                    if (update.Text is { Length: > 0 } delta && turn.Citations.Append(delta) is { Length: > 0 } clean)
                    {
                        // A new step's text starts a new paragraph ("Let me search…" then the answer).
                        if (turn.Text.Length == committedText && committedText > 0 && !char.IsWhiteSpace(turn.Text[^1]))
                        {
                            clean = "\n\n" + clean.TrimStart();
                        }
                        turn.Text.Append(clean);
                        await emit("delta", new ChatDeltaEvent(clean), ct);
                    }
                }
                var response = updates.ToChatResponse();
                if (!response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Any() && turn.Citations.Flush() is { Length: > 0 } rest)
                {
                    turn.Text.Append(rest);
                    await emit("delta", new ChatDeltaEvent(rest), ct);
                }
                turn.Calls.Add(new AiCall(chat.Model, response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0, (int)watch.ElapsedMilliseconds));
                return response;
            }
            catch (AiProviderException ex) when (ex.IsTransient && attempt < settings.MaxRetries && !ct.IsCancellationRequested)
            {
                var wait = ex.RetryAfter ?? TimeSpan.FromSeconds(Math.Pow(2, attempt));
                if (wait > TimeSpan.FromSeconds(settings.MaxRetryWaitSeconds))
                {
                    throw;
                }
                // Whatever this attempt streamed is withdrawn: the retry starts the step again from the same text.
                var partial = updates.ToChatResponse();
                turn.Calls.Add(new AiCall(chat.Model, partial.Usage?.InputTokenCount ?? 0, partial.Usage?.OutputTokenCount ?? 0, (int)watch.ElapsedMilliseconds));
                turn.Text.Length = committedText;
                turn.Citations.Rewind(committedCitations);
                LogRetry(logger, ex.Message, wait.TotalSeconds);
                await emit("retry", new ChatRetryEvent(ex.Message, Math.Round(wait.TotalSeconds, 1), turn.Text.ToString()), ct);
                await Task.Delay(wait, clock, ct);
            }
        }
    }

    private async Task<string> RunToolAsync(FunctionCallContent call, TurnState turn, ChatEventSink emit, CancellationToken ct)
    {
        var settings = options.Value;
        var record = new ConversationToolCall
        {
            Sequence = turn.ToolCalls.Count + 1,
            CallId = call.CallId,
            Name = call.Name,
            Arguments = JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>()),
            Preamble = turn.Text.Length > turn.PreambleStart ? turn.Text.ToString(turn.PreambleStart, turn.Text.Length - turn.PreambleStart) : null,
            CreatedAt = clock.GetUtcNow(),
        };
        turn.PreambleStart = turn.Text.Length;
        turn.ToolCalls.Add(record);
        if (call.Name != SearchPhotosTool.Name)
        {
            record.Result = SearchPhotosTool.Wrap(new { error = $"There is no tool named {call.Name}; only {SearchPhotosTool.Name}." });
            return record.Result;
        }
        if (turn.SearchesLeft <= 0)
        {
            record.Result = SearchPhotosTool.Wrap(new { error = $"Not run: the limit of {settings.MaxToolCallsPerTurn} searches per question is reached. Answer with the photos already found." });
            return record.Result;
        }
        turn.SearchesLeft--;
        var result = await SearchPhotosTool.RunAsync(finder, call.Arguments, settings.DefaultSearchLimit, ct);
        record.Result = result.Text;
        record.PhotoIds = [.. result.Photos.Select(p => p.PhotoId)];
        record.Total = result.Total;
        foreach (var photo in result.Photos)
        {
            turn.Retrieved.TryAdd(photo.PhotoId, photo);
        }
        await emit("search", ChatSearchView.From(record, result.Query, result.Error), ct);
        return result.Text;
    }

    private static async Task FinishAsync(TurnState turn, ChatEventSink emit, CancellationToken ct)
    {
        var cited = turn.Citations.Cited.Select(id => turn.Retrieved[id]).ToList();
        await emit("citations", new ChatCitationsEvent(cited, turn.Retrieved.Count), ct);
    }

    private async Task SaveAsync(Conversation conversation, TurnState turn)
    {
        var answer = turn.Answer;
        answer.Text = turn.Text.ToString().Trim();
        answer.RetrievedPhotoIds = [.. turn.Retrieved.Keys];
        answer.CitedPhotoIds = [.. turn.Citations.Cited];
        answer.ToolCalls = turn.ToolCalls;
        answer.InputTokens = turn.Calls.Sum(c => c.InputTokens);
        answer.OutputTokens = turn.Calls.Sum(c => c.OutputTokens);
        answer.CostUsd = turn.Calls.Sum(c => c.CostUsd);
        var now = clock.GetUtcNow();
        db.Add(answer);
        foreach (var call in turn.Calls)
        {
            db.Add(call.ToRecord("chat", null, now));
        }
        conversation.UpdatedAt = now;
        if (turn.Citations.Dropped.Count > 0)
        {
            LogDropped(logger, turn.Citations.Dropped.Count, conversation.Id);
        }
        // Saved even when the user stopped the turn: the request's token is cancelled by then.
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>After the answer is stored, the usage the browser shows under it.</summary>
    public static ChatDoneEvent Done(ConversationMessage answer) =>
        new(answer.Id, answer.Status, new ChatUsage(answer.Provider, answer.Model, answer.InputTokens, answer.OutputTokens, answer.CostUsd));

    /// <summary>
    /// Earlier turns as the model saw them: each search as its own call and result (the stored result text, so the
    /// photos and ids are the same), then the answer.
    /// </summary>
    internal static IEnumerable<AiMessage> Replay(IEnumerable<ConversationMessage> history)
    {
        foreach (var message in history)
        {
            if (message.Role == MessageRole.User)
            {
                yield return new AiMessage(AiRole.User, message.Text);
                continue;
            }
            foreach (var call in message.ToolCalls.OrderBy(c => c.Sequence))
            {
                var contents = new List<AIContent>();
                if (call.Preamble is { Length: > 0 } preamble)
                {
                    contents.Add(new TextContent(preamble));
                }
                contents.Add(new FunctionCallContent(call.CallId, call.Name, JsonSerializer.Deserialize<Dictionary<string, object?>>(call.Arguments)));
                yield return new AiMessage(AiRole.Assistant, contents);
                yield return new AiMessage(AiRole.Tool, [new FunctionResultContent(call.CallId, call.Result)]);
            }
            yield return new AiMessage(AiRole.Assistant, message.Text.Length > 0 ? message.Text : "(This answer was stopped before any text.)");
        }
    }

    private static async Task SafeEmitAsync(ChatEventSink emit, string name, object payload, CancellationToken ct)
    {
        try
        {
            await emit(name, payload, ct);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // Nobody is listening any more; the message row still records the failure.
        }
    }

    private sealed class TurnState
    {
        public TurnState(ConversationMessage answer, int searches)
        {
            Answer = answer;
            SearchesLeft = searches;
            Citations = new CitationFilter(Retrieved.ContainsKey);
        }

        public ConversationMessage Answer { get; }
        public StringBuilder Text { get; } = new();
        public int PreambleStart { get; set; }
        public int SearchesLeft { get; set; }
        public Dictionary<int, PhotoRecord> Retrieved { get; } = [];
        public CitationFilter Citations { get; }
        public List<ConversationToolCall> ToolCalls { get; } = [];
        public List<AiCall> Calls { get; } = [];
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Chat turn failed (conversation {ConversationId})")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat step failed transiently ({Reason}); retrying in {Seconds} s")]
    private static partial void LogRetry(ILogger logger, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped {Count} citation(s) of photos not retrieved in this turn (conversation {ConversationId})")]
    private static partial void LogDropped(ILogger logger, int count, Guid conversationId);
}
