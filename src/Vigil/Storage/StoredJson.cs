using System.Buffers;
using System.Text;
using System.Text.Json;
using Vigil.Amplification;
using Vigil.Model;

namespace Vigil.Storage;

/// <summary>
/// The stored JSON forms every backend writes the same way, so a column reads alike with any SQL client whichever store
/// wrote it: evidence spans as <c>[{"start","length","feature","weight"}]</c>, a cluster's kinds of co-action as
/// <c>[{"kind","weight","pairs"}]</c>.
/// </summary>
public static class StoredJson
{
    public static string WriteEvidence(IReadOnlyList<EvidenceSpan> evidence)
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

    public static IReadOnlyList<EvidenceSpan> ReadEvidence(string json)
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

    public static string WriteCoActions(IReadOnlyList<StoredCoAction> kinds)
    {
        if (kinds.Count == 0) return "[]";
        var buffer = new ArrayBufferWriter<byte>(48 * kinds.Count);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            for (var i = 0; i < kinds.Count; i++)
            {
                json.WriteStartObject();
                json.WriteString("kind", kinds[i].Kind);
                json.WriteNumber("weight", kinds[i].Weight);
                json.WriteNumber("pairs", kinds[i].Pairs);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static IReadOnlyList<StoredCoAction> ReadCoActions(string json)
    {
        using var document = JsonDocument.Parse(json);
        var kinds = new List<StoredCoAction>(document.RootElement.GetArrayLength());
        foreach (var element in document.RootElement.EnumerateArray())
        {
            kinds.Add(new StoredCoAction(element.GetProperty("kind").GetString() ?? "", element.GetProperty("weight").GetInt64(),
                element.GetProperty("pairs").GetInt32()));
        }
        return kinds;
    }
}
