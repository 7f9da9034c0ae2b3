namespace Vigil.Coordination;

/// <summary>
/// Settings for one coordination network. Defaults follow the QUT toolkit's command line except
/// <see cref="MinWeight"/>, which is 1 here so that nothing is hidden unless asked.
/// </summary>
public sealed record CoordinationOptions
{
    public CoordinationType Type { get; init; } = CoordinationType.CoRetweet;

    /// <summary>Two messages match when their timestamps differ by at most this many seconds (inclusive).</summary>
    public double WindowSeconds { get; init; } = 60;

    /// <summary>Edges lighter than this are dropped.</summary>
    public int MinWeight { get; init; } = 1;

    /// <summary>co-similar only: Jaccard similarity of token sets needed for two messages to match.</summary>
    public double SimilarityThreshold { get; init; } = 0.8;

    /// <summary>co-similar only: messages with fewer distinct tokens never match (the toolkit's min document size).</summary>
    public int MinSimilarityTokens { get; init; } = 1;

    /// <summary>Accounts are dealt to this many work items that threads take in turn; 0 means 8 per thread.</summary>
    public int Partitions { get; init; }

    /// <summary>
    /// co-similar only: its candidate index is built for at most this many messages at a time, in slices of time (each
    /// slice's messages and their partners within the window), so its memory is bounded whatever the input's size; the
    /// edges are the same for any slice size.
    /// </summary>
    public int MessagesPerTimeSlice { get; init; } = 1_000_000;

    /// <summary>Threads counting partitions at once; 0 means one per core.</summary>
    public int MaxDegreeOfParallelism { get; init; }

    public void Validate()
    {
        if (!double.IsFinite(WindowSeconds) || WindowSeconds < 0)
            throw new ArgumentOutOfRangeException(nameof(WindowSeconds), WindowSeconds, "window must be a finite number of seconds >= 0");
        if (MinWeight < 1) throw new ArgumentOutOfRangeException(nameof(MinWeight), MinWeight, "min weight must be >= 1");
        if (!(SimilarityThreshold > 0 && SimilarityThreshold <= 1))
            throw new ArgumentOutOfRangeException(nameof(SimilarityThreshold), SimilarityThreshold, "similarity threshold must be in (0, 1]");
        if (MessagesPerTimeSlice < 1)
            throw new ArgumentOutOfRangeException(nameof(MessagesPerTimeSlice), MessagesPerTimeSlice, "messages per time slice must be >= 1");
        if (Partitions < 0) throw new ArgumentOutOfRangeException(nameof(Partitions), Partitions, "partitions must be >= 0");
    }
}
