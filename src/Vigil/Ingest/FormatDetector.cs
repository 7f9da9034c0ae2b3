using System.Text.Json;
using Vigil.Text;

namespace Vigil.Ingest;

/// <summary>
/// Tells a file's format from its first bytes: anything not starting with JSON is CSV; JSON is told apart by the
/// top-level field names of its first object (of the first array element, for a JSON array): Vigil lines have
/// <c>kind</c> and <c>v</c>, Jetstream events <c>did</c>, X responses <c>data</c>, <c>includes</c> or <c>meta</c> and
/// flattened tweets <c>author_id</c> and <c>text</c>, Mastodon statuses <c>account</c> and <c>content</c>.
/// </summary>
internal static class FormatDetector
{
    public static IngestFormat? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("\uFEFF"u8)) head = head[3..];
        head = head.TrimStart(" \t\r\n"u8);
        if (head.IsEmpty) return null;
        if (head[0] is not ((byte)'{' or (byte)'[')) return IngestFormat.Csv;

        var keys = FirstObjectKeys(head);
        if (keys.Contains("kind") && keys.Contains("v")) return IngestFormat.Vigil;
        if (keys.Contains("did") && (keys.Contains("time_us") || keys.Contains("commit"))) return IngestFormat.Jetstream;
        if (keys.Contains("data") || keys.Contains("includes") || keys.Contains("meta")) return IngestFormat.XV2;
        // A tweet on its own line, as twarc2 flatten writes them.
        if (keys.Contains("__twarc") || (keys.Contains("author_id") && (keys.Contains("text") || keys.Contains("note_tweet"))))
            return IngestFormat.XV2;
        if (keys.Contains("account") && (keys.Contains("content") || keys.Contains("reblog"))) return IngestFormat.Mastodon;
        return null;
    }

    private static HashSet<string> FirstObjectKeys(ReadOnlySpan<byte> head)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(head, isFinalBlock: false, state: default);
        var objectDepth = -1;
        try
        {
            while (reader.Read())
            {
                if (objectDepth < 0)
                {
                    if (reader.TokenType == JsonTokenType.StartObject) objectDepth = reader.CurrentDepth;
                    continue;
                }
                if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == objectDepth) break;
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != objectDepth + 1) continue;
                keys.Add(reader.GetString()!);
                // A value cut off by the end of the sniffed bytes ends the look; the keys so far decide.
                if (!reader.TrySkip()) break;
            }
        }
        catch (Exception e) when (e is JsonException || (e is InvalidOperationException && UnpairedSurrogate.Problem(head) is not null))
        {
            // Malformed first record: decide on the keys read before it broke.
        }
        return keys;
    }
}
