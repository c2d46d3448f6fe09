using System.Globalization;
using System.Text.Json;
using TargetVision.Api.Features.Search;

namespace TargetVision.Api.Features.Chat;

/// <summary>POST /api/chat/turns: a question, in a conversation or (without id) starting one.</summary>
public sealed record ChatTurnRequest(Guid? ConversationId, string? Question);

public sealed record RenameConversationRequest(string? Title);

public sealed record ConversationSummary(Guid Id, string Title, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Messages);

public sealed record ConversationView(Guid Id, string Title, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<MessageView> Messages);

/// <summary>One message; an answer carries its cited photos as cards, its searches and its usage.</summary>
public sealed record MessageView(
    long Id, MessageRole Role, string Text, MessageStatus Status, string? Error, DateTimeOffset CreatedAt,
    IReadOnlyList<PhotoRecord> Citations, int Retrieved, IReadOnlyList<ChatSearchView> Searches, ChatUsage? Usage);

public sealed record ChatUsage(string? Provider, string? Model, long InputTokens, long OutputTokens, decimal CostUsd);

/// <summary>One search of a turn and the same search as a link to the Search page ("show all in Search").</summary>
public sealed record ChatSearchView(string Query, JsonElement Arguments, int Total, int Returned, string? Error, string? SearchUrl)
{
    public static ChatSearchView From(ConversationToolCall call, SearchQuery? query, string? error)
    {
        using var arguments = JsonDocument.Parse(call.Arguments);
        var text = arguments.RootElement.TryGetProperty("query", out var q) && q.ValueKind == JsonValueKind.String ? q.GetString() ?? "" : "";
        return new ChatSearchView(text, arguments.RootElement.Clone(), call.Total, call.PhotoIds.Count, error, query is null ? null : UrlFor(query));
    }

    /// <summary>The Search page's address for the same query and filters (its query string is the search API's).</summary>
    public static string UrlFor(SearchQuery query)
    {
        var parts = new List<string> { "q=" + Uri.EscapeDataString(query.Text) };
        void Add(string name, string? value)
        {
            if (value is { Length: > 0 })
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }
        var f = query.Filters;
        if (query.Mode != SearchMode.Hybrid)
        {
            Add("mode", query.Mode.ToString().ToLowerInvariant());
        }
        foreach (var album in f.AlbumKeys)
        {
            Add("album", album);
        }
        Add("folder", f.Folder);
        Add("from", f.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", f.ToExclusive?.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        foreach (var keyword in f.Keywords)
        {
            Add("keyword", keyword);
        }
        if (f.Keywords.Count > 0)
        {
            Add("keywordMode", f.KeywordMode.ToString().ToLowerInvariant());
        }
        if (f.Approved == true)
        {
            Add("approved", "true");
        }
        return "/search?" + string.Join('&', parts);
    }
}

public sealed record ChatConversationEvent(Guid Id, string Title);

public sealed record ChatDeltaEvent(string Text);

/// <summary>A step is retried after a transient failure: the answer so far is <paramref name="Text"/> again.</summary>
public sealed record ChatRetryEvent(string Message, double DelaySeconds, string Text);

public sealed record ChatCitationsEvent(IReadOnlyList<PhotoRecord> Photos, int Retrieved);

public sealed record ChatDoneEvent(long MessageId, MessageStatus Status, ChatUsage Usage);

public sealed record ChatErrorEvent(string Message, bool Retryable);

/// <summary>Whether chat can answer now, with which model; otherwise why not (and the plain search still works).</summary>
public sealed record ChatStatus(bool Available, string? Provider, string? Model, string? Message);

public sealed record ChatSuggestions(IReadOnlyList<string> Questions);
