using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using StackExchange.Redis;
using Vigil.Ingest;
using Vigil.Model;

namespace Vigil.Redis;

/// <summary>
/// A work item is one stream entry carrying its post as one Vigil JSONL line (docs/FORMATS.md) in the field
/// <c>post</c>: the worker needs nothing from the store to assess it, and the format is the one every reader already checks.
/// </summary>
internal sealed class WorkItems
{
    public const string PostField = "post";

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _json;

    public WorkItems() =>
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public RedisValue Encode(Post post)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        VigilJsonl.WritePost(_json, post);
        _json.Flush();
        return _buffer.WrittenSpan.ToArray();
    }

    /// <exception cref="InvalidDataException">The entry holds no valid post; the message says why and names the entry.</exception>
    public static Post Decode(StreamEntry entry, string stream)
    {
        var source = $"{stream} entry {entry.Id}";
        var value = entry[PostField];
        if (value.IsNull) throw new InvalidDataException($"{source}: no '{PostField}' field.");
        var content = VigilJsonlReader.Read(new StringReader(Encoding.UTF8.GetString((byte[])value!)), source);
        if (content.Rejected.Count > 0) throw new InvalidDataException($"{source}: {content.Rejected[0].Reason}");
        return content.Posts.Count == 1 ? content.Posts[0].Record
            : throw new InvalidDataException($"{source}: '{PostField}' holds {content.Posts.Count} posts, not one.");
    }
}
