using System.Buffers;
using System.Text;
using System.Text.Json;
using Vigil.Amplification;

namespace Vigil.Storage.Sqlite;

/// <summary>A cluster's kinds of co-action as a JSON array of <c>{"kind","weight","pairs"}</c>: readable with any SQL client.</summary>
internal static class CoActionJson
{
    public static string Write(IReadOnlyList<StoredCoAction> kinds)
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

    public static IReadOnlyList<StoredCoAction> Read(string json)
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
