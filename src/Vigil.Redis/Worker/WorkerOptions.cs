using Vigil.Detection;
using Vigil.Detection.Cascade;
using Vigil.Policy;

namespace Vigil.Redis.Worker;

/// <summary>What a stream worker runs on each work item, and how it behaves. The defaults suit the command line.</summary>
public sealed record WorkerOptions
{
    /// <summary>The consumer name: a worker restarted under the same name resumes the entries it held.</summary>
    public required string Name { get; init; }
    public required Detector Detector { get; init; }
    /// <summary>The two-stage detector over <see cref="Detector"/>, or null for the first stage alone (as <c>analyze</c>).</summary>
    public CascadeDetector? TwoStage { get; init; }
    public required EnforcementPolicy Policy { get; init; }
    /// <summary>Entries read, assessed and committed together.</summary>
    public int BatchSize { get; init; } = 512;
    /// <summary>Stop once nothing is left to read and nothing is pending in the group, rather than wait for more.</summary>
    public bool Drain { get; init; }
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(10);
    public TimeProvider Time { get; init; } = TimeProvider.System;
}

/// <param name="Acknowledged">Entries whose effects were committed (or that were dead-lettered), then acknowledged.</param>
/// <param name="Assessed">Original posts assessed (reposts carry their original's verdict and are acknowledged as they are).</param>
/// <param name="Failed">Entries that failed and were left pending, to be retried and, failing again, dead-lettered.</param>
/// <param name="Drained">The worker stopped because the stream was drained (rather than on a signal).</param>
public sealed record WorkerResult(long Acknowledged, long Assessed, long Decisions, long EventsAppended, long Reclaimed,
    long DeadLettered, long Failed, TimeSpan Elapsed, bool Drained);
