using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TargetVision.Api.Features.Search;
using TargetVision.Api.Infrastructure.Database;
using TargetVision.Api.Infrastructure.Http;

namespace TargetVision.Api.Features.Chat;

/// <summary>/api/chat: conversations, and a turn streamed as server-sent events.</summary>
public static class ChatApi
{
    public const int MaxQuestionLength = 2000;
    public const int MaxTitleLength = 200;

    public static IEndpointRouteBuilder MapChatApi(this IEndpointRouteBuilder app)
    {
        var chat = app.MapGroup("/api/chat").WithTags("Chat");
        chat.MapGet("/status", Status).WithName("ChatStatus").WithSummary("Whether chat can answer (an AI key is set) and with which model.");
        chat.MapGet("/suggestions", Suggestions).WithName("ChatSuggestions").WithSummary("First questions built from the library's own keywords, albums and years.");
        chat.MapGet("/conversations", List).WithName("ListConversations").WithSummary("Conversations, most recent first.");
        chat.MapGet("/conversations/{id:guid}", Open).WithName("OpenConversation").WithSummary("A conversation with its messages, searches and cited photos.");
        chat.MapPatch("/conversations/{id:guid}", Rename).WithName("RenameConversation").WithSummary("Renames a conversation.");
        chat.MapDelete("/conversations/{id:guid}", Delete).WithName("DeleteConversation").WithSummary("Deletes a conversation and its messages.");
        chat.MapPost("/turns", Turn).WithName("AskQuestion")
            .WithSummary("Asks a question (in a conversation, or starting one); answers as server-sent events: conversation, search, delta, retry, citations, done or error.");
        return app;
    }

    private static async Task<Ok<ChatStatus>> Status(ChatModels models, CancellationToken ct)
    {
        var (model, message) = await models.ResolveAsync(ct);
        return TypedResults.Ok(new ChatStatus(model is not null, model?.Provider, model?.Id, message));
    }

    private static async Task<Ok<ChatSuggestions>> Suggestions(PhotoFinder finder, CancellationToken ct) =>
        TypedResults.Ok(new ChatSuggestions(ChatSuggestionBuilder.Build(await finder.HighlightsAsync(ct))));

    private static async Task<Results<Ok<PagedResult<ConversationSummary>>, ValidationProblem>> List(int? page, int? pageSize, AppDbContext db, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var problem))
        {
            return problem!;
        }
        var query = db.Set<Conversation>().AsNoTracking();
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id).Skip(paging.Skip).Take(paging.PageSize)
            .Select(c => new ConversationSummary(c.Id, c.Title, c.CreatedAt, c.UpdatedAt, c.Messages.Count)).ToListAsync(ct);
        return TypedResults.Ok(new PagedResult<ConversationSummary>(items, paging.Page, paging.PageSize, total));
    }

    private static async Task<Results<Ok<ConversationView>, NotFound>> Open(Guid id, AppDbContext db, PhotoFinder finder, CancellationToken ct)
    {
        var conversation = await db.Set<Conversation>().AsNoTracking().AsSplitQuery()
            .Include(c => c.Messages).ThenInclude(m => m.ToolCalls).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (conversation is null)
        {
            return TypedResults.NotFound();
        }
        var messages = conversation.Messages.OrderBy(m => m.Sequence).ToList();
        var cards = (await finder.GetAsync([.. messages.SelectMany(m => m.CitedPhotoIds).Distinct()], ct)).ToDictionary(p => p.PhotoId);
        var views = messages.Select(m => new MessageView(
            m.Id, m.Role, m.Text, m.Status, m.Error, m.CreatedAt,
            [.. m.CitedPhotoIds.Where(cards.ContainsKey).Select(i => cards[i])], m.RetrievedPhotoIds.Count,
            [.. m.ToolCalls.OrderBy(c => c.Sequence).Select(SearchOf)],
            m.Role == MessageRole.Assistant ? new ChatUsage(m.Provider, m.Model, m.InputTokens, m.OutputTokens, m.CostUsd) : null)).ToList();
        return TypedResults.Ok(new ConversationView(conversation.Id, conversation.Title, conversation.CreatedAt, conversation.UpdatedAt, views));
    }

    private static ChatSearchView SearchOf(ConversationToolCall call)
    {
        var arguments = JsonSerializer.Deserialize<Dictionary<string, object?>>(call.Arguments);
        var (query, error) = SearchPhotosTool.Parse(arguments, SearchPhotosTool.MaxLimit);
        return ChatSearchView.From(call, query, error);
    }

    private static async Task<Results<Ok<ConversationSummary>, NotFound, ValidationProblem>> Rename(
        Guid id, RenameConversationRequest body, AppDbContext db, CancellationToken ct)
    {
        var title = body.Title?.Trim() ?? "";
        if (title.Length is 0 or > MaxTitleLength || title.Any(char.IsControl))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["title"] = [$"Must be 1 to {MaxTitleLength} characters, without control characters."] });
        }
        var conversation = await db.Set<Conversation>().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (conversation is null)
        {
            return TypedResults.NotFound();
        }
        conversation.Title = title;
        await db.SaveChangesAsync(ct);
        var count = await db.Set<ConversationMessage>().CountAsync(m => m.ConversationId == id, ct);
        return TypedResults.Ok(new ConversationSummary(conversation.Id, conversation.Title, conversation.CreatedAt, conversation.UpdatedAt, count));
    }

    private static async Task<Results<NoContent, NotFound>> Delete(Guid id, AppDbContext db, CancellationToken ct) =>
        await db.Set<Conversation>().Where(c => c.Id == id).ExecuteDeleteAsync(ct) == 0 ? TypedResults.NotFound() : TypedResults.NoContent();

    private static async Task<Results<EmptyHttpResult, ValidationProblem, NotFound, ProblemHttpResult>> Turn(
        ChatTurnRequest body, AppDbContext db, ChatModels models, ChatTurnRunner runner, TimeProvider clock, IOptions<JsonOptions> jsonOptions,
        HttpContext http, CancellationToken ct)
    {
        var question = body.Question?.Trim() ?? "";
        if (question.Length is 0 or > MaxQuestionLength || question.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["question"] = [$"Ask a question of 1 to {MaxQuestionLength} characters, without control characters."],
            });
        }
        var (model, message) = await models.ResolveAsync(ct);
        if (model is null)
        {
            // No fake answers: the owner learns that chat needs a key and can run the same words as a plain search.
            return TypedResults.Problem(message, statusCode: StatusCodes.Status409Conflict, title: "Chat needs an AI key",
                extensions: new Dictionary<string, object?> { ["code"] = "no_ai_key", ["searchUrl"] = "/search?q=" + Uri.EscapeDataString(question) });
        }
        var now = clock.GetUtcNow();
        Conversation? conversation;
        if (body.ConversationId is { } id)
        {
            conversation = await db.Set<Conversation>().FirstOrDefaultAsync(c => c.Id == id, ct);
            if (conversation is null)
            {
                return TypedResults.NotFound();
            }
        }
        else
        {
            conversation = new Conversation { Id = Guid.CreateVersion7(), Title = TitleFrom(question), CreatedAt = now, UpdatedAt = now };
            db.Add(conversation);
            await db.SaveChangesAsync(ct);
        }

        var response = http.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-store";
        // nginx must pass each event on at once rather than buffer the answer.
        response.Headers["X-Accel-Buffering"] = "no";
        var json = jsonOptions.Value.SerializerOptions;
        async Task Emit(string name, object payload, CancellationToken token)
        {
            await response.WriteAsync($"event: {name}\ndata: {JsonSerializer.Serialize(payload, payload.GetType(), json)}\n\n", token);
            await response.Body.FlushAsync(token);
        }
        await Emit("conversation", new ChatConversationEvent(conversation.Id, conversation.Title), ct);
        await runner.RunAsync(conversation, question, model, Emit, ct);
        return TypedResults.Empty;
    }

    private static string TitleFrom(string question)
    {
        var line = string.Join(' ', question.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= 80 ? line : line[..79].TrimEnd() + "…";
    }
}
