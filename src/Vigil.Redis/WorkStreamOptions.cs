namespace Vigil.Redis;

/// <summary>How producers and workers use the work stream. The defaults suit the command line.</summary>
public sealed record WorkStreamOptions
{
    /// <summary>The consumer group: every group sees every entry; the workers of one group share them.</summary>
    public string Group { get; init; } = "vigil";

    /// <summary>
    /// Backpressure: a producer waits while the stream holds this many entries or more. Only acknowledged entries are
    /// ever trimmed, so this bounds Redis's memory by the work not yet done.
    /// </summary>
    public long MaxLength { get; init; } = 100_000;

    /// <summary>An entry pending this long with no acknowledgement is taken over by another worker (its own died or stalled).</summary>
    public TimeSpan ClaimIdle { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>An entry delivered this many times without an acknowledgement goes to the dead-letter stream.</summary>
    public int MaxDeliveries { get; init; } = 5;

    /// <summary>How long a producer or a worker waits out an unreachable Redis or store before it gives up (exit 4).</summary>
    public TimeSpan MaxOutage { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an idle reader or a waiting producer sleeps before looking again (StackExchange.Redis does not block).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);
}
