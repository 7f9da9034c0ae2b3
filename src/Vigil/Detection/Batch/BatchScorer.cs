using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using Vigil.Detection.Cascade;

namespace Vigil.Detection.Batch;

/// <summary>What <c>vigil score</c> is asked to do.</summary>
public sealed record ScoreFileOptions(string InputPath, string OutputPath)
{
    public string TextColumn { get; init; } = "text";
    public string IdColumn { get; init; } = "id";
    /// <summary>Worker threads; defaults to every core.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;
    /// <summary>At most this many skipped rows are described one by one; the rest are only counted.</summary>
    public int MaxReportedSkips { get; init; } = 20;
}

/// <summary>Counts of a finished run; <paramref name="SecondStage"/> rows were decided by the encoder.</summary>
public sealed record ScoreFileResult(long Rows, long Scored, long Skipped, long Unsupported, long Flagged, long SecondStage, TimeSpan Elapsed)
{
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Scored / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// Streams a CSV or JSONL file through the detector (<see cref="CascadeDetector"/>, in its mode) on every core and writes one output row per readable input row,
/// in input order. Reading, scoring and writing overlap: the reader cuts the input into chunks, each chunk is scored
/// and formatted on the thread pool with a pooled per-thread session, and the writer takes finished chunks in order.
/// Evidence is computed only for rows that got a verdict worth explaining (flagged, or any code), to keep it cheap.
/// A chunk's rows that go to the encoder are scored together, in batches of similar length.
/// Each chunk is also encoded to UTF-8 on its scoring thread, into a pooled buffer: the writer only copies bytes, so
/// it never becomes the one serial stage, and no chunk-sized string or builder (large-object-heap garbage, which
/// costs full collections) is allocated per chunk.
/// </summary>
public static class BatchScorer
{
    private const int ChunkRows = 2048;
    private static readonly UTF8Encoding Utf8 = new(false);

    /// <exception cref="FormatException">Unknown format or unreadable header; the message names the file.</exception>
    public static ScoreFileResult Run(CascadeDetector detector, ScoreFileOptions options, TextWriter diagnostics, Action<long>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var formatter = VerdictFormatter.ForPath(options.OutputPath);
        using var source = OpenSource(options);
        var workers = new ConcurrentBag<Worker>();
        var chunks = Channel.CreateBounded<Task<ChunkResult>>(new BoundedChannelOptions(Math.Max(2, options.Workers * 2))
        {
            SingleReader = true, SingleWriter = true,
        });
        long rows = 0, scored = 0, skipped = 0, unsupported = 0, flagged = 0, secondStage = 0;

        var writer = Task.Run(async () =>
        {
            try
            {
                await using var output = new FileStream(options.OutputPath, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
                output.Write(Utf8.GetBytes(formatter.Header));
                await foreach (var pending in chunks.Reader.ReadAllAsync())
                {
                    var chunk = await pending;
                    output.Write(chunk.Utf8, 0, chunk.Length);
                    ArrayPool<byte>.Shared.Return(chunk.Utf8);
                    scored += chunk.Scored;
                    unsupported += chunk.Unsupported;
                    flagged += chunk.Flagged;
                    secondStage += chunk.SecondStage;
                    progress?.Invoke(scored);
                }
            }
            catch (IOException e)
            {
                // Closing the channel stops the reader, which would otherwise wait forever for room in it.
                chunks.Writer.TryComplete();
                // .NET ends the system's reason with " : 'path'"; the path is already named first.
                var reason = e.Message.EndsWith('\'') && e.Message.LastIndexOf(" : '", StringComparison.Ordinal) is > 0 and var cut
                    ? e.Message[..cut] : e.Message;
                throw new IOException($"writing {options.OutputPath}: {reason}", e);
            }
        });

        var batch = new List<InputRecord>(ChunkRows);
        while (source.TryNext(out var record))
        {
            rows++;
            if (record.Error is not null)
            {
                skipped++;
                if (skipped <= options.MaxReportedSkips)
                    diagnostics.WriteLine($"{options.InputPath}:{record.Line}: skipped: {record.Error}");
                continue;
            }
            batch.Add(record);
            if (batch.Count == ChunkRows)
            {
                Submit(batch);
                batch = new List<InputRecord>(ChunkRows);
            }
        }
        if (batch.Count > 0) Submit(batch);
        chunks.Writer.TryComplete();
        writer.GetAwaiter().GetResult();
        if (skipped > options.MaxReportedSkips)
            diagnostics.WriteLine($"{options.InputPath}: {skipped - options.MaxReportedSkips} more skipped rows not listed.");
        return new ScoreFileResult(rows, scored, skipped, unsupported, flagged, secondStage, clock.Elapsed);

        void Submit(List<InputRecord> records)
        {
            var task = Task.Run(() => Score(records));
            // The bounded channel is what keeps memory flat: the reader waits when the writer falls behind. A writer that
            // failed has closed it: its own exception is the one to report.
            try
            {
                chunks.Writer.WriteAsync(task).AsTask().GetAwaiter().GetResult();
            }
            catch (ChannelClosedException)
            {
                writer.GetAwaiter().GetResult();
                throw;
            }
        }

        ChunkResult Score(List<InputRecord> records)
        {
            if (!workers.TryTake(out var worker)) worker = new Worker(detector.Stage1.CreateSession());
            var output = worker.Text.Clear();
            int chunkUnsupported = 0, chunkFlagged = 0, chunkSecondStage = 0;
            var texts = new string[records.Count];
            for (var i = 0; i < texts.Length; i++) texts[i] = records[i].Text;
            var results = detector.Score(worker.Session, texts);
            for (var i = 0; i < results.Length; i++)
            {
                var verdict = results[i].Verdict;
                if (!verdict.LanguageSupported) chunkUnsupported++;
                if (verdict.Hateful) chunkFlagged++;
                if (results[i].Stage == 2) chunkSecondStage++;
                formatter.Append(output, records[i].Id, verdict, results[i].Evidence);
            }
            var (bytes, length) = worker.Encode();
            workers.Add(worker);
            return new ChunkResult(bytes, length, records.Count, chunkUnsupported, chunkFlagged, chunkSecondStage);
        }
    }

    private static IRecordSource OpenSource(ScoreFileOptions options)
    {
        if (!File.Exists(options.InputPath)) throw new FileNotFoundException($"{options.InputPath}: no such file.", options.InputPath);
        return Path.GetExtension(options.InputPath).ToLowerInvariant() switch
        {
            ".csv" => new CsvRecordSource(options.InputPath, options.TextColumn, options.IdColumn),
            ".jsonl" or ".ndjson" => new JsonlRecordSource(options.InputPath, options.TextColumn, options.IdColumn),
            var other => throw new FormatException($"{options.InputPath}: unknown input format '{other}' (use .csv or .jsonl)."),
        };
    }

    /// <summary>A chunk's output as UTF-8 in a buffer rented from the shared pool; the writer returns it.</summary>
    private sealed record ChunkResult(byte[] Utf8, int Length, int Scored, int Unsupported, int Flagged, int SecondStage);

    /// <summary>What one scoring thread reuses from chunk to chunk.</summary>
    private sealed class Worker(DetectorSession session)
    {
        private readonly System.Text.Encoder _encoder = Utf8.GetEncoder();
        public DetectorSession Session { get; } = session;
        public StringBuilder Text { get; } = new(ChunkRows * 160);

        /// <summary>Encodes <see cref="Text"/>; the encoder carries a surrogate pair split across builder chunks.</summary>
        public (byte[] Bytes, int Length) Encode()
        {
            var bytes = ArrayPool<byte>.Shared.Rent(Utf8.GetMaxByteCount(Text.Length));
            var length = 0;
            foreach (var piece in Text.GetChunks()) length += _encoder.GetBytes(piece.Span, bytes.AsSpan(length), flush: false);
            length += _encoder.GetBytes([], bytes.AsSpan(length), flush: true);
            return (bytes, length);
        }
    }
}
