namespace Vigil.Ingest;

/// <summary>Records of one kind: new to the store, and already there (same platform id or natural key).</summary>
public readonly record struct IngestCounts(long Taken, long Duplicates)
{
    public static IngestCounts operator +(IngestCounts a, IngestCounts b) => new(a.Taken + b.Taken, a.Duplicates + b.Duplicates);
}

/// <summary>What one input file gave. <see cref="Ignored"/> counts well-formed records Vigil does not model (a follow event).</summary>
public sealed record FileSummary(string Source, IngestFormat Format, long Records, IngestCounts Accounts, IngestCounts Posts,
    IngestCounts Interactions, long Quarantined, long Ignored)
{
    public long Taken => Accounts.Taken + Posts.Taken + Interactions.Taken;
    public long Duplicates => Accounts.Duplicates + Posts.Duplicates + Interactions.Duplicates;
}

/// <summary>The outcome of a run, per file and in total.</summary>
public sealed record IngestSummary(IReadOnlyList<FileSummary> Files, TimeSpan Elapsed)
{
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
