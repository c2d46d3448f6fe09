namespace FakeAi;

/// <summary>Failures the real APIs produce under load or on bad input, scripted for the next calls.</summary>
public enum FaultKind
{
    /// <summary>429 rate_limit_error with retry-after.</summary>
    RateLimited,

    /// <summary>529 overloaded_error (OpenAI dialect: 503).</summary>
    Overloaded,

    /// <summary>500 api_error.</summary>
    ServerError,

    /// <summary>400 invalid_request_error: image exceeds 5 MB maximum.</summary>
    ImageTooLarge,

    /// <summary>Never answers; the request ends only when the client gives up (timeout) or the server stops.</summary>
    Hang,
}
