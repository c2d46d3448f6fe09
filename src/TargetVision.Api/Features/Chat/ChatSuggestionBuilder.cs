using TargetVision.Api.Features.Search;

namespace TargetVision.Api.Features.Chat;

/// <summary>First questions worded from what this library actually holds, so each one finds something.</summary>
public static class ChatSuggestionBuilder
{
    public static IReadOnlyList<string> Build(LibraryHighlights library)
    {
        var questions = new List<string>();
        if (library.Keywords.Count > 0)
        {
            questions.Add($"Show me my best {library.Keywords[0]} photos");
        }
        if (library.Years.Count > 0 && library.Keywords.Count > 1)
        {
            questions.Add($"Which {library.Keywords[1]} shots from {library.Years[0]} would work for a card?");
        }
        else if (library.Years.Count > 0)
        {
            questions.Add($"What did I photograph in {library.Years[0]}?");
        }
        if (library.Albums.Count > 0)
        {
            questions.Add($"What is in the album “{library.Albums[0]}”?");
        }
        if (library.Keywords.Count > 2)
        {
            questions.Add($"Find photos with {library.Keywords[2]} and people in them");
        }
        return questions;
    }
}
