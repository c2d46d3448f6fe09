using System.Text.Json;
using FakeAi.Content;
using FakeAi.Hosting;

namespace FakeAi.OpenAiApi;

/// <summary>Validates a Chat Completions body with OpenAI's rules and error wording.</summary>
internal static class OpenAiChatRequestReader
{
    private const long MaxImageBytes = 20L * 1024 * 1024;

    internal static OpenAiChatRequest Read(JsonElement body, FakeAiOptions options)
    {
        var model = body.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String
            ? m.GetString()!
            : throw new FakeApiException(400, "invalid_request_error", "you must provide a model parameter");
        if (!body.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            throw Missing("messages");
        }

        if (messages.GetArrayLength() == 0)
        {
            throw new FakeApiException(400, "invalid_request_error",
                "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
                code: "empty_array", param: "messages");
        }

        OpenAiModels.EnsureKnown(model);
        var conversation = new Conversation();
        var imageTokens = 0;
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            imageTokens += ReadMessage(message, index++, conversation, options);
        }

        long? maxTokens = null;
        if ((body.TryGetProperty("max_completion_tokens", out var mct) || body.TryGetProperty("max_tokens", out mct))
            && mct.ValueKind == JsonValueKind.Number)
        {
            maxTokens = mct.GetInt64();
            if (maxTokens < 1)
            {
                throw new FakeApiException(400, "invalid_request_error",
                    $"Invalid 'max_completion_tokens': integer below minimum value. Expected a value >= 1, but got {maxTokens} instead.",
                    code: "integer_below_min_value", param: "max_completion_tokens");
            }
        }

        var schemaText = string.Empty;
        var (format, schema) = ReadResponseFormat(body, ref schemaText);
        var (forced, parameters) = ReadForcedFunction(body, conversation, ref schemaText);
        var (tools, toolChoice) = ReadTools(body);
        var stream = body.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        var includeUsage = body.TryGetProperty("stream_options", out var so) && so.ValueKind == JsonValueKind.Object
            && so.TryGetProperty("include_usage", out var iu) && iu.ValueKind == JsonValueKind.True;
        return new OpenAiChatRequest(model, maxTokens, stream, includeUsage, conversation, imageTokens, format, schema, forced, parameters, schemaText)
        {
            Tools = tools,
            ToolChoice = toolChoice,
        };
    }

    private static int ReadMessage(JsonElement message, int index, Conversation conversation, FakeAiOptions options)
    {
        var role = message.TryGetProperty("role", out var r) ? r.GetString() : null;
        if (role is not ("system" or "developer" or "user" or "assistant" or "tool"))
        {
            throw new FakeApiException(400, "invalid_request_error",
                $"Invalid value: '{role}'. Supported values are: 'system', 'assistant', 'user', 'tool', 'function', and 'developer'.",
                code: "invalid_value", param: $"messages[{index}].role");
        }

        var texts = new List<string>();
        var tokens = 0;
        if (message.TryGetProperty("content", out var content))
        {
            if (content.ValueKind == JsonValueKind.String)
            {
                texts.Add(content.GetString()!);
            }
            else if (content.ValueKind == JsonValueKind.Array)
            {
                var p = 0;
                foreach (var part in content.EnumerateArray())
                {
                    tokens += ReadPart(part, $"messages[{index}].content[{p++}]", texts, conversation, options);
                }
            }
        }

        var text = string.Join("\n", texts);
        if (role == "tool")
        {
            conversation.PendingToolResults.Add(text);
        }
        else
        {
            conversation.PendingToolResults.Clear();
        }

        if (role == "user")
        {
            conversation.Question = text;
        }

        if (role == "assistant" && message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
        {
            foreach (var call in calls.EnumerateArray())
            {
                if (call.TryGetProperty("function", out var function) && function.TryGetProperty("arguments", out var arguments)
                    && arguments.ValueKind == JsonValueKind.String)
                {
                    try
                    {
                        if (System.Text.Json.Nodes.JsonNode.Parse(arguments.GetString()!) is System.Text.Json.Nodes.JsonObject input)
                        {
                            conversation.EarlierToolInputs.Add(input);
                        }
                    }
                    catch (JsonException)
                    {
                        // A model may send broken arguments; the real API passes them through untouched.
                    }
                }
            }
        }

        if (role is "system" or "developer")
        {
            conversation.SystemTexts.Add(text);
        }
        else
        {
            conversation.Turns.Add((role == "tool" ? "user" : role, text));
        }

        return tokens;
    }

    private static int ReadPart(JsonElement part, string path, List<string> texts, Conversation conversation, FakeAiOptions options)
    {
        var type = part.TryGetProperty("type", out var t) ? t.GetString() : null;
        switch (type)
        {
            case "text":
                texts.Add(part.TryGetProperty("text", out var text) ? text.GetString() ?? string.Empty : string.Empty);
                return 0;
            case "image_url":
                if (!part.TryGetProperty("image_url", out var image) || !image.TryGetProperty("url", out var url))
                {
                    throw Missing($"{path}.image_url.url");
                }

                var lowDetail = image.TryGetProperty("detail", out var detail) && detail.GetString() == "low";
                var facts = ReadImage(url.GetString(), path, options);
                conversation.Images.Add(facts);
                return facts.OpenAiTokens(lowDetail);
            default:
                throw new FakeApiException(400, "invalid_request_error",
                    $"Invalid value: '{type}'. Supported values are: 'text', 'image_url', 'input_audio', 'refusal', and 'file'.",
                    code: "invalid_value", param: $"{path}.type");
        }
    }

    private static ImageFacts ReadImage(string? url, string path, FakeAiOptions options)
    {
        if (!DataUrl.TryParse(url, out _, out var base64))
        {
            throw new FakeApiException(400, "invalid_request_error",
                "The fake server only accepts images as base64 data URLs (data:image/jpeg;base64,...).",
                code: "invalid_image_url", param: path);
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new FakeApiException(400, "invalid_request_error", "Invalid base64 image_url.", code: "invalid_image_url", param: path);
        }

        if (bytes.Length > MaxImageBytes)
        {
            throw new FakeApiException(400, "invalid_request_error",
                $"Invalid image: the image exceeds the maximum allowed size of 20 MB ({bytes.Length} bytes).",
                code: "image_too_large", param: path);
        }

        try
        {
            // OpenAI sniffs the bytes rather than trusting the data URL's media type.
            return ImageAnalyzer.Analyze(bytes, declaredMediaType: null, options.MaxImageDimension * 4);
        }
        catch (ImageRejection)
        {
            throw new FakeApiException(400, "invalid_request_error",
                "You uploaded an unsupported image. Please make sure your image has of one the following formats: ['png', 'jpeg', 'gif', 'webp'].",
                code: "invalid_image_format", param: path);
        }
    }

    private static (string Format, JsonElement? Schema) ReadResponseFormat(JsonElement body, ref string schemaText)
    {
        if (!body.TryGetProperty("response_format", out var format) || format.ValueKind != JsonValueKind.Object)
        {
            return ("text", null);
        }

        var type = format.TryGetProperty("type", out var t) ? t.GetString() : null;
        switch (type)
        {
            case "text":
            case "json_object":
                return (type, null);
            case "json_schema":
                if (!format.TryGetProperty("json_schema", out var js) || js.ValueKind != JsonValueKind.Object)
                {
                    throw Missing("response_format.json_schema");
                }

                if (!js.TryGetProperty("name", out var name) || string.IsNullOrEmpty(name.GetString()))
                {
                    throw Missing("response_format.json_schema.name");
                }

                if (js.TryGetProperty("schema", out var schema) && schema.ValueKind == JsonValueKind.Object)
                {
                    schemaText += schema.GetRawText();
                    return (type, schema.Clone());
                }

                return (type, null);
            default:
                throw new FakeApiException(400, "invalid_request_error",
                    $"Invalid value: '{type}'. Supported values are: 'json_object', 'json_schema', and 'text'.",
                    code: "invalid_value", param: "response_format.type");
        }
    }

    private static (string? Name, JsonElement? Parameters) ReadForcedFunction(JsonElement body, Conversation conversation, ref string schemaText)
    {
        if (!body.TryGetProperty("tools", out var tools) || tools.ValueKind != JsonValueKind.Array || tools.GetArrayLength() == 0)
        {
            return (null, null);
        }

        var functions = tools.EnumerateArray()
            .Where(t => t.TryGetProperty("function", out _))
            .Select(t => t.GetProperty("function"))
            .ToList();
        schemaText += tools.GetRawText();
        var choice = body.TryGetProperty("tool_choice", out var c) ? c : default;
        string? wanted = choice.ValueKind switch
        {
            JsonValueKind.Object when choice.TryGetProperty("function", out var f) => f.GetProperty("name").GetString(),
            JsonValueKind.String when choice.GetString() == "required" => Name(functions[0]),
            JsonValueKind.String when choice.GetString() == "none" => null,
            _ => conversation.Images.Count > 0 ? Name(functions[0]) : null,
        };

        if (wanted is null)
        {
            return (null, null);
        }

        var function = functions.FirstOrDefault(f => Name(f) == wanted);
        if (function.ValueKind != JsonValueKind.Object)
        {
            throw new FakeApiException(400, "invalid_request_error",
                $"Invalid value for 'tool_choice': no function named '{wanted}' was specified in the 'tools' parameter.",
                param: "tool_choice");
        }

        return (wanted, function.TryGetProperty("parameters", out var parameters) ? parameters.Clone() : null);
    }

    // Every offered function and the choice as the chat planner reads it: auto, none, any (required) or tool (named).
    private static (List<OfferedTool> Tools, string? Choice) ReadTools(JsonElement body)
    {
        var tools = new List<OfferedTool>();
        if (body.TryGetProperty("tools", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var tool in list.EnumerateArray())
            {
                if (tool.TryGetProperty("function", out var function) && Name(function) is { } name)
                {
                    tools.Add(new OfferedTool(name, function.TryGetProperty("parameters", out var p) ? p.Clone() : default));
                }
            }
        }

        var choice = body.TryGetProperty("tool_choice", out var c) ? c : default;
        var type = choice.ValueKind switch
        {
            JsonValueKind.Object => "tool",
            JsonValueKind.String when choice.GetString() == "required" => "any",
            JsonValueKind.String => choice.GetString(),
            _ => null,
        };
        return (tools, type);
    }

    private static string? Name(JsonElement function) => function.TryGetProperty("name", out var n) ? n.GetString() : null;

    private static FakeApiException Missing(string param) =>
        new(400, "invalid_request_error", $"Missing required parameter: '{param}'.", code: "missing_required_parameter", param: param);
}
