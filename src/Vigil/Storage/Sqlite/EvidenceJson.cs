using System.Buffers;
using System.Text;
using System.Text.Json;
using Vigil.Model;

namespace Vigil.Storage.Sqlite;

/// <summary>Evidence spans as a JSON array of <c>{"start","length","feature","weight"}</c>: readable with any SQL client.</summary>
internal static class EvidenceJson
{
    public static string Write(IReadOnlyList<EvidenceSpan> evidence)
    {
        if (evidence.Count == 0) return "[]";
        var buffer = new ArrayBufferWriter<byte>(64 * evidence.Count);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            for (var i = 0; i < evidence.Count; i++)
            {
                var span = evidence[i];
                json.WriteStartObject();
                json.WriteNumber("start", span.Start);
                json.WriteNumber("length", span.Length);
                json.WriteString("feature", span.Feature);
                json.WriteNumber("weight", span.Weight);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static IReadOnlyList<EvidenceSpan> Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var spans = new List<EvidenceSpan>(document.RootElement.GetArrayLength());
        foreach (var element in document.RootElement.EnumerateArray())
        {
            spans.Add(new EvidenceSpan(element.GetProperty("start").GetInt32(), element.GetProperty("length").GetInt32(),
                element.GetProperty("feature").GetString() ?? "", element.GetProperty("weight").GetDouble()));
        }
        return spans;
    }
}
