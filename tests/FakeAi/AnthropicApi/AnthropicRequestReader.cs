using System.Text.Json;
using System.Text.Json.Nodes;
using FakeAi.Content;
using FakeAi.Hosting;

namespace FakeAi.AnthropicApi;

/// <summary>
/// Validates a Messages body with the real API's rules and error wording (field paths such as
/// <c>messages.0.content.1.image.source.base64</c>), so client error handling is exercised realistically.
/// </summary>
internal static class AnthropicRequestReader
{
    private static readonly string[] MediaTypes = ["image/jpeg", "image/png", "image/gif", "image/webp"];

    internal static AnthropicRequest Read(JsonElement body, FakeAiOptions options)
    {
        var model = body.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String
            ? m.GetString()!
            : throw Invalid("model: Field required");
        if (!body.TryGetProperty("max_tokens", out var mt))
        {
            throw Invalid("max_tokens: Field required");
        }

        if (!mt.TryGetInt64(out var maxTokens) || maxTokens < 1)
        {
            throw Invalid("max_tokens: Input should be greater than or equal to 1");
        }

        if (!body.TryGetProperty("messages", out var messages))
        {
            throw Invalid("messages: Field required");
        }

        if (messages.ValueKind != JsonValueKind.Array)
        {
            throw Invalid("messages: Input should be a valid list");
        }

        if (messages.GetArrayLength() == 0)
        {
            throw Invalid("messages: at least one message is required");
        }

        if (!model.StartsWith("claude-", StringComparison.Ordinal))
        {
            throw new FakeApiException(404, "not_found_error", $"model: {model}");
        }

        var conversation = new Conversation();
        ReadSystem(body, conversation);
        var imageTokens = 0;
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            imageTokens += ReadMessage(message, index++, conversation, options);
        }

        var tools = ReadTools(body, out var schemaText);
        var (choiceType, choiceName) = ReadToolChoice(body, tools);
        var outputSchema = ReadOutputSchema(body, ref schemaText);
        var stream = body.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        return new AnthropicRequest(model, maxTokens, stream, conversation, imageTokens, tools, choiceType, choiceName, outputSchema, schemaText);
    }

    private static void ReadSystem(JsonElement body, Conversation conversation)
    {
        if (!body.TryGetProperty("system", out var system) || system.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (system.ValueKind == JsonValueKind.String)
        {
            conversation.SystemTexts.Add(system.GetString()!);
            return;
        }

        if (system.ValueKind != JsonValueKind.Array)
        {
            throw Invalid("system: Input should be a valid string or list of text blocks");
        }

        var i = 0;
        foreach (var block in system.EnumerateArray())
        {
            if (!block.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
            {
                throw Invalid($"system.{i}.text: Field required");
            }

            conversation.SystemTexts.Add(text.GetString()!);
            i++;
        }
    }

    private static int ReadMessage(JsonElement message, int index, Conversation conversation, FakeAiOptions options)
    {
        var role = message.TryGetProperty("role", out var r) ? r.GetString() : null;
        if (role is not ("user" or "assistant"))
        {
            throw Invalid($"messages.{index}.role: Input should be 'user' or 'assistant'");
        }

        if (!message.TryGetProperty("content", out var content))
        {
            throw Invalid($"messages.{index}.content: Field required");
        }

        conversation.PendingToolResults.Clear();
        if (content.ValueKind == JsonValueKind.String)
        {
            conversation.Turns.Add((role, content.GetString()!));
            if (role == "user")
            {
                conversation.Question = content.GetString()!;
            }

            return 0;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            throw Invalid($"messages.{index}.content: Input should be a valid string or list");
        }

        var tokens = 0;
        var texts = new List<string>();
        var b = 0;
        foreach (var block in content.EnumerateArray())
        {
            var path = $"messages.{index}.content.{b++}";
            var type = block.TryGetProperty("type", out var t) ? t.GetString() : null;
            switch (type)
            {
                case "text":
                    texts.Add(block.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String
                        ? text.GetString()!
                        : throw Invalid($"{path}.text.text: Field required"));
                    break;
                case "image":
                    if (role != "user")
                    {
                        throw Invalid($"{path}: image content blocks are only allowed in user messages");
                    }

                    var facts = ReadImage(block, path, options);
                    conversation.Images.Add(facts);
                    tokens += facts.AnthropicTokens;
                    break;
                case "tool_result":
                    var resultText = ToolResultText(block);
                    texts.Add(resultText);
                    conversation.PendingToolResults.Add(resultText);
                    break;
                case "tool_use" when role == "assistant":
                    if (block.TryGetProperty("input", out var input) && JsonNode.Parse(input.GetRawText()) is JsonObject inputObject)
                    {
                        conversation.EarlierToolInputs.Add(inputObject);
                    }

                    break;
                case null:
                    throw Invalid($"{path}.type: Field required");
                default:
                    // tool_use, thinking, document, …: accepted without inspection, as they carry no pixels.
                    break;
            }
        }

        conversation.Turns.Add((role, string.Join("\n", texts)));
        if (role == "user" && conversation.PendingToolResults.Count == 0 && texts.Count > 0)
        {
            conversation.Question = string.Join("\n", texts);
        }

        return tokens;
    }

    // A tool result's content is a string or a list of text (and image) blocks.
    private static string ToolResultText(JsonElement block)
    {
        if (!block.TryGetProperty("content", out var content))
        {
            return string.Empty;
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }

        return content.ValueKind != JsonValueKind.Array
            ? string.Empty
            : string.Join("\n", content.EnumerateArray()
                .Where(b => b.TryGetProperty("type", out var t) && t.GetString() == "text" && b.TryGetProperty("text", out _))
                .Select(b => b.GetProperty("text").GetString()));
    }

    private static ImageFacts ReadImage(JsonElement block, string path, FakeAiOptions options)
    {
        if (!block.TryGetProperty("source", out var source) || source.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"{path}.image.source: Field required");
        }

        var sourceType = source.TryGetProperty("type", out var st) ? st.GetString() : null;
        if (sourceType != "base64")
        {
            // URL and file sources would need the network or the Files API; the product only sends base64.
            throw Invalid($"{path}.image.source: the fake server supports only base64 image sources (got '{sourceType}')");
        }

        var mediaType = source.TryGetProperty("media_type", out var mt) ? mt.GetString() : null;
        if (mediaType is null || !MediaTypes.Contains(mediaType, StringComparer.Ordinal))
        {
            throw Invalid($"{path}.image.source.base64.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'");
        }

        var data = source.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.String
            ? d.GetString()!
            : throw Invalid($"{path}.image.source.base64.data: Field required");

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(data);
        }
        catch (FormatException)
        {
            throw Invalid($"{path}.image.source.base64.data: invalid base64 data");
        }

        var measured = options.MeasureImageLimitOnBase64 ? data.Length : bytes.Length;
        if (measured > options.MaxImageBytes)
        {
            throw Invalid($"{path}.image.source.base64: image exceeds 5 MB maximum: {measured} bytes > {options.MaxImageBytes} bytes");
        }

        try
        {
            return ImageAnalyzer.Analyze(bytes, mediaType, options.MaxImageDimension);
        }
        catch (ImageRejection rejection)
        {
            throw Invalid($"{path}.image.source.base64.data: {rejection.Message}");
        }
    }

    private static List<AnthropicTool> ReadTools(JsonElement body, out string schemaText)
    {
        schemaText = string.Empty;
        var tools = new List<AnthropicTool>();
        if (!body.TryGetProperty("tools", out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return tools;
        }

        var i = 0;
        foreach (var tool in list.EnumerateArray())
        {
            var type = tool.TryGetProperty("type", out var t) ? t.GetString() : "custom";
            var name = tool.TryGetProperty("name", out var n) ? n.GetString() : null;
            if (string.IsNullOrEmpty(name))
            {
                throw Invalid($"tools.{i}.name: Field required");
            }

            if (type is null or "custom")
            {
                if (!tool.TryGetProperty("input_schema", out var schema) || schema.ValueKind != JsonValueKind.Object)
                {
                    throw Invalid($"tools.{i}.custom.input_schema: Field required");
                }

                tools.Add(new AnthropicTool(name, schema.Clone()));
                schemaText += tool.GetRawText();
            }

            i++;
        }

        return tools;
    }

    private static (string? Type, string? Name) ReadToolChoice(JsonElement body, List<AnthropicTool> tools)
    {
        if (!body.TryGetProperty("tool_choice", out var choice) || choice.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }

        var type = choice.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (type is not ("auto" or "any" or "tool" or "none"))
        {
            throw Invalid("tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'");
        }

        if (type is "any" or "tool" && tools.Count == 0)
        {
            throw Invalid("tool_choice: tool_choice may only be specified while providing tools.");
        }

        if (type != "tool")
        {
            return (type, null);
        }

        var name = choice.TryGetProperty("name", out var n) ? n.GetString() : null;
        if (name is null)
        {
            throw Invalid("tool_choice.tool.name: Field required");
        }

        if (!tools.Any(tool => tool.Name == name))
        {
            throw Invalid($"tool_choice.name: Tool '{name}' not found in provided tools");
        }

        return (type, name);
    }

    private static JsonElement? ReadOutputSchema(JsonElement body, ref string schemaText)
    {
        // output_config.format is the GA shape; the older beta put the same object in output_format.
        JsonElement format = default;
        var found = (body.TryGetProperty("output_config", out var config) && config.ValueKind == JsonValueKind.Object
                && config.TryGetProperty("format", out format) && format.ValueKind == JsonValueKind.Object)
            || (body.TryGetProperty("output_format", out format) && format.ValueKind == JsonValueKind.Object);
        if (!found)
        {
            return null;
        }

        if (!format.TryGetProperty("type", out var type) || type.GetString() != "json_schema")
        {
            throw Invalid("output_config.format.type: Input should be 'json_schema'");
        }

        if (!format.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("output_config.format.schema: Field required");
        }

        schemaText += schema.GetRawText();
        return schema.Clone();
    }

    private static FakeApiException Invalid(string message) => new(400, "invalid_request_error", message);
}
