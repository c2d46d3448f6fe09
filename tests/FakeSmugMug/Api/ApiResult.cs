using System.Text.Json.Nodes;

namespace FakeSmugMug.Api;

/// <summary>The payload of one endpoint before the response options (_expand, _filter...) are applied.</summary>
public sealed record ApiResult(string Uri, string Locator, JsonNode Payload, JsonObject? Pages)
{
    public string LocatorType => Payload is JsonArray ? "Objects" : "Object";
}
