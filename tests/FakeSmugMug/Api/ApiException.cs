namespace FakeSmugMug.Api;

/// <summary>Ends a request with SmugMug's <c>{Code, Message}</c> error body.</summary>
public sealed class ApiException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
