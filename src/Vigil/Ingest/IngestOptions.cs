using Vigil.Storage;

namespace Vigil.Ingest;

/// <summary>How <see cref="Ingestor"/> reads its inputs. The defaults suit the command line.</summary>
public sealed record IngestOptions
{
    /// <summary>The format of every input; null detects it per file from its first bytes.</summary>
    public IngestFormat? Format { get; init; }

    /// <summary>
    /// CSV only: Vigil post field → CSV header column (e.g. <c>text</c> → <c>content</c>). A field without an entry is
    /// read from the column of its own name when the header has one.
    /// </summary>
    public IReadOnlyDictionary<string, string> CsvColumns { get; init; } = new Dictionary<string, string>();

    /// <summary>Records per store transaction.</summary>
    public int BatchSize { get; init; } = 5_000;

    /// <summary>A longer record is quarantined (its start kept) rather than buffered, so memory stays bounded.</summary>
    public int MaxRecordBytes { get; init; } = 1 << 20;

    /// <summary>
    /// The limit for a format whose record is a whole API response (X v2): a real page of 474 tweets with its
    /// expansions is 775 KB, so responses get room for several times that, and are still never buffered without bound.
    /// </summary>
    public int MaxResponseBytes { get; init; } = 16 << 20;

    /// <summary>Where rejected records go, one JSON line each; null keeps no file (rejections are still counted).</summary>
    public string? QuarantinePath { get; init; }

    /// <summary>Input records between two progress reports.</summary>
    public int ProgressInterval { get; init; } = 10_000;

    /// <summary>Called for each rejection as it happens, e.g. to print it.</summary>
    public Action<Rejection>? OnRejected { get; init; }

    /// <summary>
    /// Called with each batch of posts before the batch is stored; if it throws, the batch is not stored. A work-stream
    /// producer queues the posts new to the store here (<c>vigil ingest --queue</c>): queued first, a post is never stored
    /// without its work item, and a run cut off in between queues it again on its re-run (the effects are idempotent).
    /// </summary>
    public Func<IReadOnlyList<Model.Post>, CancellationToken, Task>? BeforePostsStored { get; init; }

    /// <summary>
    /// How long a batch write waits out the database going away (a restart, a failover; <see cref="Outage.OfStore"/>)
    /// before the run fails. Zero fails at once. The batch is written again after each pause: every store write is
    /// idempotent, so a batch the database committed before the connection dropped is counted as duplicates, not stored twice.
    /// </summary>
    public TimeSpan MaxOutage { get; init; }

    /// <summary>Told of each outage a batch write waits out: the error and the pause before the next try.</summary>
    public Action<Exception, TimeSpan>? OnOutage { get; init; }

    /// <summary>Measures <see cref="IngestSummary.Elapsed"/>; also the clock outages are timed with.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The quarantine file the command line keeps beside a database: <c>vigil.db</c> → <c>vigil.db.quarantine.jsonl</c>.</summary>
    public static string QuarantinePathFor(string databasePath) => databasePath + ".quarantine.jsonl";
}
