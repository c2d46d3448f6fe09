using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FakeAi.Hosting;

/// <summary>Writes JSON with the exact snake_case names given, bypassing ASP.NET's camelCase defaults.</summary>
internal static class JsonReply
{
    // Relaxed escaping keeps quotes and non-ASCII readable (\u0022 is valid but not what the providers send).
    internal static readonly JsonSerializerOptions Compact = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    internal static async Task WriteAsync(HttpResponse response, JsonNode body, int status = StatusCodes.Status200OK)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        await response.WriteAsync(body.ToJsonString(Compact), response.HttpContext.RequestAborted);
    }

    internal static async Task WriteErrorObjectAsync(HttpResponse response, object body, int status)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        await response.WriteAsync(JsonSerializer.Serialize(body, Compact), response.HttpContext.RequestAborted);
    }
}
