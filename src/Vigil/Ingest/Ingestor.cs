using System.Text;
using System.Text.Json;
using Vigil.Text;
using Vigil.Ingest.Formats;
using Vigil.Storage;

namespace Vigil.Ingest;

/// <summary>
/// Streams input files into a store: each file is cut into records, each record parsed by its format's parser, and the
/// results written in batches. A bad record is quarantined with its file and line and the run goes on; a file that
/// cannot be read at all stops the run with an <see cref="IngestException"/>. Memory does not grow with file size:
/// one record buffer, two batches. Records are parsed synchronously until a batch is full; the batch is then written on
/// another thread while the next one is parsed, and the two writes never overlap, so batches are stored in file order.
/// A cancelled run stops between batches or inside the store's write, whose batch is then not stored.
/// </summary>
public static class Ingestor
{
    private const int SniffBytes = 64 * 1024;

    public static async Task<IngestSummary> IngestAsync(IVigilStore store, IReadOnlyList<string> files, IngestOptions options,
        IProgress<IngestProgress>? progress = null, CancellationToken ct = default)
    {
        foreach (var file in files)
        {
            if (!File.Exists(file)) throw new IngestException($"{file}: no such file.");
        }

        var started = options.Time.GetTimestamp();
        using var quarantine = options.QuarantinePath is null ? null : new QuarantineWriter(options.QuarantinePath);
        var summaries = new List<FileSummary>(files.Count);
        for (var i = 0; i < files.Count; i++)
        {
            await using var stream = new FileStream(files[i], FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1,
                FileOptions.SequentialScan);
            var format = options.Format ?? Detect(stream, files[i]);
            summaries.Add(await IngestStreamAsync(store, stream, files[i], format, options, quarantine, i, files.Count, progress, ct));
        }
        return new IngestSummary(summaries, options.Time.GetElapsedTime(started));
    }

    private static IngestFormat Detect(FileStream stream, string source)
    {
        var head = new byte[(int)Math.Min(SniffBytes, stream.Length)];
        stream.ReadExactly(head);
        stream.Position = 0;
        return FormatDetector.Detect(head) ??
               throw new IngestException($"{source}: cannot tell its format from its first record; name it with --format.");
    }

    private static async Task<FileSummary> IngestStreamAsync(IVigilStore store, Stream stream, string source, IngestFormat format,
        IngestOptions options, QuarantineWriter? quarantine, int fileIndex, int fileCount, IProgress<IngestProgress>? progress,
        CancellationToken ct)
    {
        var parser = CreateParser(format, source, options);
        var sink = new StoreSink(store, source, options, quarantine);
        var maxRecordBytes = parser.RecordsAreResponses ? Math.Max(options.MaxResponseBytes, options.MaxRecordBytes) : options.MaxRecordBytes;
        using var scanner = new RecordScanner(stream, parser.Mode, maxRecordBytes);
        var reading = new Reading(stream, source, fileIndex, fileCount, stream.CanSeek ? stream.Length : 0, maxRecordBytes, progress);
        // A full batch is written while the next is parsed: parsing and the store's write take a core each.
        var writing = Task.CompletedTask;
        while (ReadUntilBatchIsFull(scanner, parser, sink, options, ref reading))
        {
            ct.ThrowIfCancellationRequested();
            await writing;
            writing = sink.FlushInBackground(ct);
        }

        await writing;
        await sink.FlushAsync(ct);
        progress?.Report(new IngestProgress(source, fileIndex, fileCount, reading.Length, reading.Length, reading.Records));
        return new FileSummary(source, format, reading.Records, sink.Read, sink.Accounts, sink.Posts, sink.Interactions,
            sink.Quarantined, sink.Ignored);
    }

    /// <summary>Where one file's read has got to, for progress reports.</summary>
    private record struct Reading(Stream Stream, string Source, int FileIndex, int FileCount, long Length, int MaxRecordBytes,
        IProgress<IngestProgress>? Progress)
    {
        public long Records;
    }

    /// <summary>
    /// Parses records into the sink until its batch is full (true: write it, then call again) or the input ends (false).
    /// Synchronous, so the record, a span over the scanner's buffer, never lives across an await.
    /// </summary>
    private static bool ReadUntilBatchIsFull(RecordScanner scanner, IRecordParser parser, StoreSink sink, IngestOptions options,
        ref Reading reading)
    {
        while (scanner.TryRead(out var record, out var line, out var truncated))
        {
            reading.Records++;
            var readBefore = sink.Read;
            ParseRecord(parser, record, line, truncated, reading.MaxRecordBytes, sink);
            // Every parser path takes, sets aside or ignores; should one ever end with none of these, the record is
            // set aside with that said rather than lost without a trace.
            if (sink.Read == readBefore) sink.Reject(line, "the record gave nothing Vigil reads and no reason (please report this)", Raw(record));

            if (reading.Progress is not null && reading.Records % options.ProgressInterval == 0)
                reading.Progress.Report(new IngestProgress(reading.Source, reading.FileIndex, reading.FileCount,
                    reading.Stream.Position, reading.Length, reading.Records));
            if (sink.IsFull) return true;
        }
        return false;
    }

    /// <summary>
    /// Parses one record as the scanner cut it, or sets it aside with why (too long, not UTF-8, not valid for its format):
    /// the one path from bytes to records, shared by the store-less <see cref="VigilJsonlReader"/>.
    /// </summary>
    internal static void ParseRecord(IRecordParser parser, ReadOnlySpan<byte> record, long line, bool truncated, int maxRecordBytes,
        IRecordSink sink)
    {
        if (truncated)
        {
            sink.Reject(line, $"record longer than {maxRecordBytes} bytes (its first {record.Length} bytes kept)", Raw(record));
            return;
        }
        if (Utf8Input.Problem(record) is { } problem)
        {
            sink.Reject(line, problem, Raw(record));
            return;
        }
        try
        {
            parser.Parse(record, line, sink);
        }
        catch (InvalidRecordException e)
        {
            sink.Reject(line, e.Message, Raw(record));
        }
        catch (JsonException e)
        {
            sink.Reject(line, MalformedJsonReason(e), Raw(record));
        }
        catch (InvalidOperationException) when (UnpairedSurrogate.Problem(record) is { } unpaired)
        {
            sink.Reject(line, unpaired, Raw(record));
        }
    }

    /// <summary>The parser's message without its location suffix, and the location relative to the record's first line.</summary>
    private static string MalformedJsonReason(JsonException e)
    {
        var message = e.Message;
        var suffix = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (suffix >= 0) message = message[..suffix];
        var where = e.LineNumber is > 0 ? $"line +{e.LineNumber}, byte {e.BytePositionInLine}" : $"byte {e.BytePositionInLine}";
        return $"malformed JSON at {where}: {message}";
    }

    private static IRecordParser CreateParser(IngestFormat format, string source, IngestOptions options) => format switch
    {
        IngestFormat.Vigil => new VigilJsonlParser(),
        IngestFormat.Csv => new CsvPostParser(source, options.CsvColumns),
        IngestFormat.XV2 => new XApiV2Parser(),
        IngestFormat.Jetstream => new JetstreamParser(),
        IngestFormat.Mastodon => new MastodonParser(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    private static string Raw(ReadOnlySpan<byte> record) => Encoding.UTF8.GetString(record);
}
