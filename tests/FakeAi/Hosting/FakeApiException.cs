namespace FakeAi.Hosting;

/// <summary>An error answer; the dialect turns it into that provider's envelope and status.</summary>
internal sealed class FakeApiException(
    int status,
    string errorType,
    string message,
    string? code = null,
    string? param = null,
    TimeSpan? retryAfter = null) : Exception(message)
{
    internal int Status { get; } = status;

    internal string ErrorType { get; } = errorType;

    internal string? Code { get; } = code;

    internal string? Param { get; } = param;

    internal TimeSpan? RetryAfter { get; } = retryAfter;
}
