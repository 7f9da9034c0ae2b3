namespace Vigil.DecisionLog;

/// <summary>
/// The append-only decision log. Implementations never update or delete: current state is derived by replaying
/// <see cref="ReadAllAsync"/>. SQLite ships here; a PostgreSQL one can follow the same contract (and run the same
/// contract test suite). Every method is asynchronous and takes a <see cref="CancellationToken"/> last; a cancelled
/// append leaves nothing of its batch.
/// </summary>
public interface IDecisionLog : IAsyncDisposable
{
    /// <summary>Creates or upgrades the log's schema. Safe to call on every open.</summary>
    Task MigrateAsync(CancellationToken ct = default);

    /// <summary>
    /// Appends the events in order, in one transaction, sealing each into the hash chain. Events whose
    /// <see cref="DecisionEvent.Id"/> is already in the log are skipped; the sealed events actually appended are returned.
    /// </summary>
    Task<IReadOnlyList<DecisionEvent>> AppendAsync(IReadOnlyList<DecisionEvent> events, CancellationToken ct = default);

    /// <summary>Every event in sequence order, as stored (not re-validated: see <see cref="LogVerifier"/>).</summary>
    IAsyncEnumerable<DecisionEvent> ReadAllAsync(CancellationToken ct = default);

    /// <summary>
    /// The events after <paramref name="sequence"/>, in sequence order: what other writers appended since a reader last
    /// looked (stream workers keep their enforcement state in step this way). This default reads the whole log; a store
    /// with an index on the sequence overrides it.
    /// </summary>
    async IAsyncEnumerable<DecisionEvent> ReadAfterAsync(long sequence,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var e in ReadAllAsync(ct))
            if (e.Sequence > sequence) yield return e;
    }

    /// <summary>The last event's sequence, hash and time, or null for an empty log.</summary>
    Task<LogHead?> HeadAsync(CancellationToken ct = default);
}
