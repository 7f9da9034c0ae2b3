using System.Formats.Cbor;
using System.Text.Json;

namespace Vigil.Server.Tests.Support;

/// <summary>One CBOR value as JSON, for asserting on: maps, arrays, text, integers, booleans; byte strings as base64.</summary>
internal static class CborJson
{
    public static JsonElement Read(CborReader reader)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream)) Write(reader, json);
        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }

    private static void Write(CborReader reader, Utf8JsonWriter json)
    {
        switch (reader.PeekState())
        {
            case CborReaderState.StartMap:
                var entries = reader.ReadStartMap();
                json.WriteStartObject();
                for (var i = 0; i < entries; i++)
                {
                    json.WritePropertyName(reader.ReadTextString());
                    Write(reader, json);
                }
                reader.ReadEndMap();
                json.WriteEndObject();
                break;
            case CborReaderState.StartArray:
                var items = reader.ReadStartArray();
                json.WriteStartArray();
                for (var i = 0; i < items; i++) Write(reader, json);
                reader.ReadEndArray();
                json.WriteEndArray();
                break;
            case CborReaderState.TextString: json.WriteStringValue(reader.ReadTextString()); break;
            case CborReaderState.ByteString: json.WriteStringValue(Convert.ToBase64String(reader.ReadByteString())); break;
            case CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger: json.WriteNumberValue(reader.ReadInt64()); break;
            case CborReaderState.Boolean: json.WriteBooleanValue(reader.ReadBoolean()); break;
            case var other: throw new FormatException($"Unexpected CBOR {other} in a frame.");
        }
    }
}
