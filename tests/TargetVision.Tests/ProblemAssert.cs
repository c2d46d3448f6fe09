using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TargetVision.Tests;

public static class ProblemAssert
{
    /// <summary>Asserts an RFC 7807 body with the given status and returns it.</summary>
    public static async Task<JsonElement> IsProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("title").GetString()));
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal); // no stack trace
        return json;
    }

    public static async Task<JsonElement> IsValidationProblem(HttpResponseMessage response, params string[] fields)
    {
        var json = await IsProblem(response, HttpStatusCode.BadRequest);
        var errors = json.GetProperty("errors");
        foreach (var field in fields)
        {
            Assert.True(errors.EnumerateObject().Any(e => string.Equals(e.Name, field, StringComparison.OrdinalIgnoreCase)),
                $"expected a validation error for '{field}' in {errors}");
        }
        return json;
    }

    public static Task<T?> Json<T>(HttpResponseMessage response) => response.Content.ReadFromJsonAsync<T>();
}
