using Vigil.DecisionLog;
using Vigil.Policy;

namespace Vigil.Enforcement;

/// <summary>
/// The one <see cref="EnforcementEngine"/> of a long-running host (the server), shared by its requests. Reads and writes
/// take turns, because the state is not thread-safe; and before each turn the log's head is compared with the last one
/// seen, so events appended by another process (<c>vigil analyze</c>, <c>vigil review</c>) are replayed in rather than
/// missed. The state is replayed in full only when the log moved under it.
/// </summary>
public sealed class LiveEnforcement(EnforcementPolicy policy, IDecisionLog log, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private EnforcementEngine? _engine;
    private long _seenSequence;

    public EnforcementPolicy Policy => policy;

    /// <summary>Runs <paramref name="read"/> on the current state; it must not keep the state beyond its return.</summary>
    public async Task<T> ReadAsync<T>(Func<EnforcementState, T> read, CancellationToken ct = default)
    {
        await _turn.WaitAsync(ct);
        try
        {
            return read((await CurrentAsync(ct)).State);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="read"/> on the log itself (its events, its head) in turn with every other use: a log need not
    /// be safe for concurrent use (SQLite's shares one connection).
    /// </summary>
    public async Task<T> ReadLogAsync<T>(Func<IDecisionLog, Task<T>> read, CancellationToken ct = default)
    {
        await _turn.WaitAsync(ct);
        try
        {
            return await read(log);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/>, which appends through the engine (or through the log it is given, applying what
    /// it appended to the engine's state, as a label does), and returns the events appended.
    /// </summary>
    public async Task<IReadOnlyList<DecisionEvent>> WriteAsync(
        Func<EnforcementEngine, IDecisionLog, Task<IReadOnlyList<DecisionEvent>>> write, CancellationToken ct = default)
    {
        await _turn.WaitAsync(ct);
        try
        {
            var engine = await CurrentAsync(ct);
            var appended = await write(engine, log);
            var head = (await log.HeadAsync(ct))?.Sequence ?? 0;
            // Another process may have appended between our append and this read: then our state lacks its events.
            if (head == _seenSequence + appended.Count) _seenSequence = head;
            else _engine = null;
            return appended;
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task<EnforcementEngine> CurrentAsync(CancellationToken ct)
    {
        var head = (await log.HeadAsync(ct))?.Sequence ?? 0;
        if (_engine is null || head != _seenSequence)
        {
            _engine = await EnforcementEngine.OpenAsync(policy, log, time, ct: ct);
            _seenSequence = head;
        }
        return _engine;
    }

    public void Dispose() => _turn.Dispose();
}
