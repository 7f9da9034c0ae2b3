namespace Vigil.Ingest;

/// <summary>Records of one kind: new to the store, and already there (same platform id or natural key).</summary>
public readonly record struct IngestCounts(long Taken, long Duplicates)
{
    public static IngestCounts operator +(IngestCounts a, IngestCounts b) => new(a.Taken + b.Taken, a.Duplicates + b.Duplicates);
}

/// <summary>
/// What one input file gave. <see cref="Records"/> counts the values the file was cut into (lines, rows, JSON values,
/// elements of pages); <see cref="Read"/> counts what they held, each of which ends as exactly one of taken, duplicate,
/// quarantined or ignored: an account, post or interaction offered to the store, a part set aside (one bad tweet of a
/// response, or the whole record), or a well-formed record Vigil does not model (a follow event, a CSV header).
/// </summary>
public sealed record FileSummary(string Source, IngestFormat Format, long Records, long Read, IngestCounts Accounts,
    IngestCounts Posts, IngestCounts Interactions, long Quarantined, long Ignored)
{
    public long Taken => Accounts.Taken + Posts.Taken + Interactions.Taken;
    public long Duplicates => Accounts.Duplicates + Posts.Duplicates + Interactions.Duplicates;

    /// <summary>read = taken + duplicates + quarantined + ignored: nothing read was lost or counted twice.</summary>
    public bool IsBalanced => Read == Taken + Duplicates + Quarantined + Ignored;
}

/// <summary>The outcome of a run, per file and in total.</summary>
public sealed record IngestSummary(IReadOnlyList<FileSummary> Files, TimeSpan Elapsed)
{
    public long Read => Sum(static f => f.Read);
    public long Taken => Sum(static f => f.Taken);
    public long Duplicates => Sum(static f => f.Duplicates);
    public long Quarantined => Sum(static f => f.Quarantined);
    public long Ignored => Sum(static f => f.Ignored);
    public IngestCounts Posts => new(Sum(static f => f.Posts.Taken), Sum(static f => f.Posts.Duplicates));

    private long Sum(Func<FileSummary, long> count)
    {
        long total = 0;
        foreach (var file in Files) total += count(file);
        return total;
    }
}

/// <summary>Where a run is: the file being read and how far into it.</summary>
public readonly record struct IngestProgress(string Source, int FileIndex, int FileCount, long BytesRead, long BytesTotal, long Records);
