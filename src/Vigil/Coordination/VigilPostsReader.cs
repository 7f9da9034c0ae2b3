using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Vigil.Ingest;

namespace Vigil.Coordination;

/// <summary>
/// A minimal streaming reader of Vigil JSONL v1 for coordination: the <c>post</c> lines' id, author, time, text,
/// reply and repost ids and URLs, and account handles from <c>account</c> lines for display. Interim: the general
/// reader (branch <c>ingest</c>) should replace it once merged.
/// </summary>
public static class VigilPostsReader
{
    public static CoordinationInput Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(reader, path);
    }

    public static CoordinationInput Read(TextReader reader, string source)
    {
        var input = new CoordinationInputBuilder(source);
        var handles = new Dictionary<string, string>(StringComparer.Ordinal);
        var posts = new List<(CoordinationMessage Message, long Line)>();
        var bytes = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            long lineNumber = 0;
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                var needed = Encoding.UTF8.GetMaxByteCount(line.Length);
                if (bytes.Length < needed)
                {
                    ArrayPool<byte>.Shared.Return(bytes);
                    bytes = ArrayPool<byte>.Shared.Rent(needed);
                }
                var length = Encoding.UTF8.GetBytes(line, bytes);
                try
                {
                    var record = ParseLine(bytes.AsSpan(0, length));
                    if (record.Kind == VigilJsonl.Kinds.Account && record.Id is not null && record.Handle is not null)
                        handles[record.Id] = record.Handle;
                    if (record.Kind != VigilJsonl.Kinds.Post) continue;
                    if (record.Id is null) input.SetAside(lineNumber, "post without id");
                    else if (record.AuthorId is null) input.SetAside(lineNumber, "post without author_id");
                    else if (record.CreatedAt is not { } createdAt) input.SetAside(lineNumber, "post without a valid created_at");
                    else
                        posts.Add((new CoordinationMessage(record.Id, record.AuthorId, record.AuthorId, record.RepostOfId,
                            record.ReplyToId, record.Text ?? "", createdAt, record.Urls ?? []), lineNumber));
                }
                catch (JsonException e)
                {
                    input.SetAside(lineNumber, $"invalid JSON: {e.Message}");
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
        foreach (var (message, line) in posts)
            input.Add(handles.TryGetValue(message.UserId, out var handle) ? message with { Username = handle } : message, line);
        return input.Build();
    }

    private sealed class LineRecord
    {
        public string? Kind, Id, AuthorId, Handle, Text, ReplyToId, RepostOfId;
        public double? CreatedAt;
        public List<string>? Urls;
    }

    private static LineRecord ParseLine(ReadOnlySpan<byte> utf8)
    {
        var json = new Utf8JsonReader(utf8);
        var record = new LineRecord();
        if (!json.Read() || json.TokenType != JsonTokenType.StartObject) throw new JsonException("a line must be one JSON object");
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            var name = json.GetString();
            json.Read();
            switch (name)
            {
                case "kind": record.Kind = StringOrNull(ref json); break;
                case "id": record.Id = StringOrNull(ref json); break;
                case "author_id": record.AuthorId = StringOrNull(ref json); break;
                case "handle": record.Handle = StringOrNull(ref json); break;
                case "text": record.Text = StringOrNull(ref json); break;
                case "reply_to_id": record.ReplyToId = StringOrNull(ref json); break;
                case "repost_of_id": record.RepostOfId = StringOrNull(ref json); break;
                case "created_at":
                    if (StringOrNull(ref json) is { } time && DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture,
                            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
                        record.CreatedAt = (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (double)TimeSpan.TicksPerSecond;
                    break;
                case "urls" when json.TokenType == JsonTokenType.StartArray:
                    record.Urls = [];
                    while (json.Read() && json.TokenType != JsonTokenType.EndArray)
                        if (json.TokenType == JsonTokenType.String) record.Urls.Add(json.GetString()!);
                    break;
                default:
                    json.Skip();
                    break;
            }
        }
        return record;
    }

    private static string? StringOrNull(ref Utf8JsonReader json) => json.TokenType == JsonTokenType.String ? json.GetString() : null;
}
