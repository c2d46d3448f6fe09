namespace TargetVision.Api.Features.Chat;

/// <summary>Chat settings (section "Chat").</summary>
public sealed class ChatSettings
{
    public const string Section = "Chat";

    /// <summary>Searches the model may run for one question; after that it must answer with what it found.</summary>
    public int MaxToolCallsPerTurn { get; set; } = 3;

    /// <summary>Retries of one provider request after a 429/529/5xx (before or during the stream).</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Longest wait before such a retry; a longer retry-after is reported to the user instead.</summary>
    public double MaxRetryWaitSeconds { get; set; } = 20;

    /// <summary>Earlier messages (questions and answers, with their searches) replayed to the model.</summary>
    public int HistoryMessages { get; set; } = 20;

    public int MaxOutputTokens { get; set; } = 1500;

    /// <summary>Photos a search returns to the model when it asks for no limit (at most 24).</summary>
    public int DefaultSearchLimit { get; set; } = 12;
}
