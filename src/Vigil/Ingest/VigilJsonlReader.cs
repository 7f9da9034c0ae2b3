using System.Buffers;
using System.Text;
using Vigil.Ingest.Formats;
using Vigil.Model;
using Vigil.Text;

namespace Vigil.Ingest;

/// <summary>A record and the line of its file it came from (for <c>file:line</c> messages about it later).</summary>
public readonly record struct RecordAt<T>(T Record, long Line);

/// <summary>Everything one Vigil JSONL file held, in file order, and the lines set aside.</summary>
public sealed record VigilJsonlContent(
    IReadOnlyList<RecordAt<Account>> Accounts,
    IReadOnlyList<RecordAt<Post>> Posts,
    IReadOnlyList<RecordAt<Interaction>> Interactions,
    IReadOnlyList<Rejection> Rejected);

/// <summary>
/// Vigil JSONL v1 read into memory without a store, for commands that analyse one export (coordination, bots). It is
/// the ingest parser behind the ingest record path, so a line these commands accept or set aside is one that
/// <c>vigil ingest</c> accepts or sets aside, for the same reason.
/// </summary>
public static class VigilJsonlReader
{
    /// <summary>The parser keeps no state between lines, so one serves every caller.</summary>
    private static readonly VigilJsonlParser Parser = new();

    public static VigilJsonlContent Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1,
            FileOptions.SequentialScan);
        return Read(stream, path);
    }

    /// <summary>Reads the bytes as ingest does: invalid UTF-8 and over-long lines are set aside, not decoded.</summary>
    public static VigilJsonlContent Read(Stream stream, string source)
    {
        var sink = new CollectingSink(source);
        var maxRecordBytes = new IngestOptions().MaxRecordBytes;
        using var scanner = new RecordScanner(stream, Parser.Mode, maxRecordBytes);
        while (scanner.TryRead(out var record, out var line, out var truncated))
        {
            sink.Line = line;
            Ingestor.ParseRecord(Parser, record, line, truncated, maxRecordBytes, sink);
        }
        return sink.Content();
    }

    /// <summary>Reads text already decoded (a string, a reader a caller opened): one record a line, blank lines skipped.</summary>
    public static VigilJsonlContent Read(TextReader reader, string source)
    {
        var sink = new CollectingSink(source);
        long lineNumber = 0;
        while (Utf8Input.TryReadLine(reader, out var line, out var problem))
        {
            lineNumber++;
            sink.Line = lineNumber;
            if (problem is not null) sink.Reject(lineNumber, problem, line);
            else if (!string.IsNullOrWhiteSpace(line)) ParseLine(line, lineNumber, sink);
        }
        return sink.Content();
    }

    /// <summary>Parses one line into <paramref name="sink"/> (for readers that mix Vigil lines with other formats).</summary>
    internal static void ParseLine(string line, long lineNumber, IRecordSink sink)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(line.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(line, bytes);
            Ingestor.ParseRecord(Parser, bytes.AsSpan(0, length), lineNumber, truncated: false, int.MaxValue, sink);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private sealed class CollectingSink(string source) : IRecordSink
    {
        private readonly List<RecordAt<Account>> _accounts = [];
        private readonly List<RecordAt<Post>> _posts = [];
        private readonly List<RecordAt<Interaction>> _interactions = [];
        private readonly List<Rejection> _rejected = [];

        /// <summary>The line being parsed: the sink contract carries no line for accepted records.</summary>
        public long Line { get; set; }

        public void Add(Account account) => _accounts.Add(new(account, Line));
        public void Add(Post post) => _posts.Add(new(post, Line));
        public void Add(Interaction interaction) => _interactions.Add(new(interaction, Line));
        public void Reject(long line, string reason, string raw) => _rejected.Add(new Rejection(source, line, reason, raw));
        // Vigil JSONL models every kind it has: nothing to count.
        public void Ignore() { }

        public VigilJsonlContent Content() => new(_accounts, _posts, _interactions, _rejected);
    }
}
