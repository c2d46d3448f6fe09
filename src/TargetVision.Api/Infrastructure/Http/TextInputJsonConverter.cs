using System.Text.Json;
using System.Text.Json.Serialization;

namespace TargetVision.Api.Infrastructure.Http;

/// <summary>
/// Applies <see cref="TextInput"/> to every string of every JSON request body, so no endpoint has to remember it.
/// The serializer adds the JSON path to the exception, which names the field in the 400 answer.
/// </summary>
public sealed class TextInputJsonConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException();
        }
        string value;
        try
        {
            value = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate (\ud800) cannot become a .NET string the database accepts.
            throw new ControlCharacterException();
        }
        return TextInput.IsClean(value, allowLineBreaks: true) ? value : throw new ControlCharacterException();
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>A JSON string broke <see cref="TextInput"/>; answered as a 400 naming the field.</summary>
public sealed class ControlCharacterException() : JsonException(TextInput.ControlCharacterMessage);
