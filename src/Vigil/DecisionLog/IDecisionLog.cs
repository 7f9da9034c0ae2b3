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

    /// <summary>The last event's sequence, hash and time, or null for an empty log.</summary>
    Task<LogHead?> HeadAsync(CancellationToken ct = default);
}
