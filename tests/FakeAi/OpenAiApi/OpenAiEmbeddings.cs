using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using FakeAi.Content;
using FakeAi.Hosting;

namespace FakeAi.OpenAiApi;

/// <summary>
/// <c>POST /v1/embeddings</c>. The .NET SDK asks for <c>encoding_format: base64</c> by default and decodes
/// little-endian float32, so that encoding must be exact; float arrays are returned otherwise.
/// </summary>
internal static class OpenAiEmbeddings
{
    private const int MaxInputs = 2048;

    internal static async Task HandleAsync(ApiCall call)
    {
        var body = call.Body;
        var model = body.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String
            ? m.GetString()!
            : throw new FakeApiException(400, "invalid_request_error", "you must provide a model parameter");
        if (!OpenAiModels.EmbeddingDimensions.TryGetValue(model, out var native))
        {
            throw OpenAiModels.NotFound(model);
        }

        var inputs = ReadInputs(body);
        var dimensions = ReadDimensions(body, model, native);
        var format = body.TryGetProperty("encoding_format", out var f) ? f.GetString() : "float";
        if (format is not ("float" or "base64"))
        {
            throw new FakeApiException(400, "invalid_request_error",
                $"Invalid value: '{format}'. Supported values are: 'float' and 'base64'.", code: "invalid_value", param: "encoding_format");
        }

        var data = new JsonArray();
        var tokens = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            tokens += Math.Max(1, TokenEstimator.Text(inputs[i]));
            var vector = TextEmbedder.Embed(inputs[i], native, dimensions);
            JsonNode embedding = format == "base64"
                ? Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan()))
                : new JsonArray([.. vector.Select(v => JsonValue.Create(v))]);
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding });
        }

        await JsonReply.WriteAsync(call.Http.Response, new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = model,
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        });
    }

    private static List<string> ReadInputs(JsonElement body)
    {
        if (!body.TryGetProperty("input", out var input))
        {
            throw new FakeApiException(400, "invalid_request_error", "Missing required parameter: 'input'.",
                code: "missing_required_parameter", param: "input");
        }

        var inputs = input.ValueKind switch
        {
            JsonValueKind.String => [input.GetString()!],
            JsonValueKind.Array when input.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number) =>
                [string.Join(' ', input.EnumerateArray().Select(e => "t" + e.GetRawText()))],
            JsonValueKind.Array => input.EnumerateArray().Select(Item).ToList(),
            _ => throw InvalidInput(),
        };

        if (inputs.Count == 0 || inputs.Count > MaxInputs || inputs.Any(string.IsNullOrEmpty))
        {
            throw InvalidInput();
        }

        return inputs;
    }

    // Token arrays stand for text the fake cannot detokenise; their ids still make a stable bag of words.
    private static string Item(JsonElement item) => item.ValueKind switch
    {
        JsonValueKind.String => item.GetString()!,
        JsonValueKind.Array => string.Join(' ', item.EnumerateArray().Select(e => "t" + e.GetRawText())),
        _ => throw InvalidInput(),
    };

    private static int? ReadDimensions(JsonElement body, string model, int native)
    {
        if (!body.TryGetProperty("dimensions", out var d) || d.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (model == "text-embedding-ada-002")
        {
            throw new FakeApiException(400, "invalid_request_error", "This model does not support specifying dimensions.", param: "dimensions");
        }

        if (!d.TryGetInt32(out var dimensions) || dimensions < 1 || dimensions > native)
        {
            throw new FakeApiException(400, "invalid_request_error",
                $"Invalid 'dimensions': must be between 1 and {native}.", code: "invalid_value", param: "dimensions");
        }

        return dimensions;
    }

    private static FakeApiException InvalidInput() =>
        new(400, "invalid_request_error",
            "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.", param: "input");
}
