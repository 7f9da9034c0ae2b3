using System.Text.Json;

namespace Vigil.Ingest;

/// <summary>
/// Typed reads of JSON values for the parsers, each failing with a quarantine reason that names the field. Times are
/// ISO 8601; one without an offset is taken as UTC, since every supported platform writes UTC.
/// </summary>
internal static class JsonValues
{
    // --- Utf8JsonReader, positioned on a property name (the fast path of the Vigil format) -------------------------

    public static string? ReadString(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw Invalid(field, "a string"),
        };
    }

    public static long ReadInt64(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value)) return value;
        throw Invalid(field, "an integer");
    }

    public static bool ReadBoolean(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => throw Invalid(field, "true or false"),
        };
    }

    public static DateTimeOffset? ReadTime(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTime(out var time)) return AsUtc(time);
        throw Invalid(field, "an ISO 8601 time");
    }

    public static IReadOnlyList<string> ReadStrings(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null) return [];
        if (reader.TokenType != JsonTokenType.StartArray) throw Invalid(field, "an array of strings");
        List<string>? values = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String) throw Invalid(field, "an array of strings");
            (values ??= []).Add(reader.GetString()!);
        }
        return values is null ? [] : values;
    }

    // --- JsonElement (platform formats, read whole per record) ---------------------------------------------------

    public static string? OptionalString(JsonElement parent, string field) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(field, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null => null,
                _ => throw Invalid(field, "a string"),
            }
            : null;

    public static string RequiredString(JsonElement parent, string field) =>
        OptionalString(parent, field) is { Length: > 0 } value ? value : throw Missing(field);

    public static long OptionalInt64(JsonElement parent, string field) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : throw Invalid(field, "an integer")
            : 0;

    public static bool OptionalBoolean(JsonElement parent, string field) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.True;

    public static DateTimeOffset? OptionalTime(JsonElement parent, string field)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(field, out var value) ||
            value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind == JsonValueKind.String && value.TryGetDateTime(out var time)
            ? AsUtc(time)
            : throw Invalid(field, "an ISO 8601 time");
    }

    public static DateTimeOffset RequiredTime(JsonElement parent, string field) =>
        OptionalTime(parent, field) ?? throw Missing(field);

    public static JsonElement Child(JsonElement parent, string field) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(field, out var value) ? value : default;

    public static InvalidRecordException Missing(string field) => new($"missing required field '{field}'");

    public static InvalidRecordException Invalid(string field, string expected) => new($"field '{field}' is not {expected}");

    private static DateTimeOffset AsUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => new DateTimeOffset(time),
        DateTimeKind.Local => new DateTimeOffset(time.ToUniversalTime()),
        _ => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
    };
}
