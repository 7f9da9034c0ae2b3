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
    public static string WriteEvidence(IReadOnlyList<EvidenceSpan> evidence) => WriteArray(evidence, 64, static (json, span) =>
    {
        json.WriteNumber("start", span.Start);
        json.WriteNumber("length", span.Length);
        json.WriteString("feature", span.Feature);
        json.WriteNumber("weight", span.Weight);
    });

    public static IReadOnlyList<EvidenceSpan> ReadEvidence(string json) => ReadArray(json, static element =>
        new EvidenceSpan(element.GetProperty("start").GetInt32(), element.GetProperty("length").GetInt32(),
            element.GetProperty("feature").GetString() ?? "", element.GetProperty("weight").GetDouble()));

    public static string WriteCoActions(IReadOnlyList<StoredCoAction> kinds) => WriteArray(kinds, 48, static (json, kind) =>
    {
        json.WriteString("kind", kind.Kind);
        json.WriteNumber("weight", kind.Weight);
        json.WriteNumber("pairs", kind.Pairs);
    });

    public static IReadOnlyList<StoredCoAction> ReadCoActions(string json) => ReadArray(json, static element =>
        new StoredCoAction(element.GetProperty("kind").GetString() ?? "", element.GetProperty("weight").GetInt64(),
            element.GetProperty("pairs").GetInt32()));

    /// <summary>An array of objects, one per item; <paramref name="bytesPerItem"/> sizes the buffer up front.</summary>
    private static string WriteArray<T>(IReadOnlyList<T> items, int bytesPerItem, Action<Utf8JsonWriter, T> writeFields)
    {
        if (items.Count == 0) return "[]";
        var buffer = new ArrayBufferWriter<byte>(bytesPerItem * items.Count);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            for (var i = 0; i < items.Count; i++)
            {
                json.WriteStartObject();
                writeFields(json, items[i]);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static IReadOnlyList<T> ReadArray<T>(string json, Func<JsonElement, T> read)
    {
        // Most posts carry no evidence: no document to parse for them.
        if (json == "[]") return [];
        using var document = JsonDocument.Parse(json);
        var items = new List<T>(document.RootElement.GetArrayLength());
        foreach (var element in document.RootElement.EnumerateArray()) items.Add(read(element));
        return items;
    }
}
