using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FakeAi.Hosting;

namespace FakeAi.Content;

/// <summary>A tool a request offers: its name and input schema.</summary>
internal sealed record OfferedTool(string Name, JsonElement Schema);

/// <summary>
/// The fake model's side of a tool-using chat: a scripted answer when a test queued one, else a deterministic
/// default — search with the question's words, then answer from the tool results, citing their ids as
/// <c>[#id]</c> (TargetVision's citation convention) with each photo's title.
/// </summary>
internal static partial class ChatTurnPlanner
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "with", "that", "this", "are", "was", "were", "any", "all", "have", "has", "from", "what",
        "which", "who", "how", "where", "when", "show", "find", "photo", "photos", "picture", "pictures", "image",
        "images", "there", "their", "them", "you", "your", "can", "about", "into", "some", "one", "ones", "only",
        "would", "could", "work", "good", "shots", "shot", "mine", "library", "please", "give", "want", "see", "our",
    };

    /// <summary>
    /// Whether this request is chat-shaped (no image, no structured output, no tool forced by name), the only kind
    /// a script or the default tool behaviour applies to; describe and key tests keep their own answers.
    /// </summary>
    internal static bool Applies(Conversation conversation, bool hasOutputSchema, string? toolChoice, int toolCount, ChatScript script) =>
        conversation.Images.Count == 0 && !hasOutputSchema && toolChoice != "tool"
        && (toolCount > 0 || script.Count > 0);

    internal static ScriptedReply Plan(Conversation conversation, IReadOnlyList<OfferedTool> tools, string? toolChoice, ChatScript script)
    {
        if (script.Take() is { } scripted)
        {
            foreach (var call in scripted.Blocks.OfType<ScriptedToolCall>())
            {
                if (!tools.Any(t => t.Name == call.Name) && toolChoice != "none")
                {
                    throw new FakeApiException(500, "api_error", $"The test script calls tool '{call.Name}', which the request does not offer.");
                }
            }

            // With tool_choice none a real model cannot call a tool: the calls are dropped, the text stays.
            if (toolChoice == "none" && scripted.HasToolCalls)
            {
                var texts = scripted.Blocks.Where(b => b is ScriptedText).ToList();
                return texts.Count > 0 ? scripted with { Blocks = texts } : ScriptedReply.Text(Answer(conversation));
            }

            return scripted;
        }

        if (conversation.PendingToolResults.Count > 0 || toolChoice == "none")
        {
            return ScriptedReply.Text(Answer(conversation));
        }

        var searchTool = tools.FirstOrDefault(t => t.Schema.ValueKind == JsonValueKind.Object && t.Schema.TryGetProperty("properties", out var p) && p.TryGetProperty("query", out _));
        if (searchTool is null)
        {
            return ScriptedReply.Text(ChatResponder.Answer(conversation));
        }

        return ScriptedReply.Tool(searchTool.Name, new JsonObject { ["query"] = Keywords(conversation) }, "Let me search your library.");
    }

    /// <summary>The question's content words; a follow-up adds them to the previous search, narrowing it.</summary>
    private static string Keywords(Conversation conversation)
    {
        var words = Words(conversation.Question);
        var previous = conversation.EarlierToolInputs.LastOrDefault()?["query"]?.GetValue<string>();
        if (previous is { Length: > 0 } && conversation.Turns.Count(t => t.Role == "user") > 1)
        {
            words = [.. Words(previous), .. words.Where(w => !Words(previous).Contains(w))];
        }

        return words.Count == 0 ? conversation.Question.Trim() : string.Join(' ', words);
    }

    private static List<string> Words(string text) =>
        [.. WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value)
            .Where(w => w.Length >= 3 && !StopWords.Contains(w)).Distinct(StringComparer.Ordinal)];

    private static string Answer(Conversation conversation)
    {
        var question = conversation.Question.Trim();
        var photos = conversation.PendingToolResults.SelectMany(Photos).DistinctBy(p => p.Id).ToList();
        if (conversation.PendingToolResults.Count == 0)
        {
            return ChatResponder.Answer(conversation);
        }

        if (photos.Count == 0)
        {
            return $"I searched your library but found no photos matching “{question}”. Try other words or a wider date range.";
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"I found {photos.Count} photo{(photos.Count == 1 ? "" : "s")} for “{question}”. The **best matches**:");
        foreach (var (id, title) in photos.Take(3))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n- {title ?? "Untitled photo"} [#{id}]");
        }

        return text.ToString();
    }

    /// <summary>Every JSON object with a numeric <c>id</c> in a tool result, with its <c>title</c> when it has one.</summary>
    private static IEnumerable<(long Id, string? Title)> Photos(string result)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(result);
        }
        catch (JsonException)
        {
            // Not JSON (e.g. wrapped in delimiters): take the JSON part between the first '{' or '[' and the last '}' or ']'.
            var start = result.IndexOfAny(['{', '[']);
            var end = result.LastIndexOfAny(['}', ']']);
            if (start < 0 || end <= start)
            {
                yield break;
            }

            try
            {
                root = JsonNode.Parse(result[start..(end + 1)]);
            }
            catch (JsonException)
            {
                yield break;
            }
        }

        var pending = new Stack<JsonNode?>([root]);
        var found = new List<(long, string?)>();
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case JsonObject o:
                    if (o["id"] is JsonValue v && v.TryGetValue<long>(out var id))
                    {
                        found.Add((id, o["title"] is JsonValue t && t.TryGetValue<string>(out var title) ? title : null));
                    }

                    foreach (var child in o.Select(p => p.Value).Reverse())
                    {
                        pending.Push(child);
                    }

                    break;
                case JsonArray a:
                    foreach (var child in a.Reverse())
                    {
                        pending.Push(child);
                    }

                    break;
            }
        }

        foreach (var photo in found)
        {
            yield return photo;
        }
    }

    internal static int OutputTokens(ScriptedReply reply) => Math.Max(1, reply.Blocks.Sum(b => b switch
    {
        ScriptedText t => TokenEstimator.Text(t.Text),
        ScriptedToolCall c => TokenEstimator.Text(c.Input.ToJsonString(JsonReply.Compact)) + 10,
        _ => 0,
    }));

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
