namespace Vigil.DecisionLog;

/// <summary>
/// The append-only decision log. Implementations never update or delete: current state is derived by replaying
/// <see cref="ReadAll"/>. SQLite ships here; a PostgreSQL one can follow the same contract.
/// </summary>
public interface IDecisionLog : IDisposable
{
    /// <summary>
    /// Appends the events in order, in one transaction, sealing each into the hash chain. Events whose
    /// <see cref="DecisionEvent.Id"/> is already in the log are skipped; the sealed events actually appended are returned.
    /// </summary>
    IReadOnlyList<DecisionEvent> Append(IReadOnlyList<DecisionEvent> events);

    /// <summary>Every event in sequence order, as stored (not re-validated: see <see cref="LogVerifier"/>).</summary>
    IEnumerable<DecisionEvent> ReadAll();

    /// <summary>The last event's sequence, hash and time, or null for an empty log.</summary>
    LogHead? Head();
}
