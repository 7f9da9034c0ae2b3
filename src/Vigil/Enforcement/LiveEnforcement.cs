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
    /// Runs <paramref name="write"/>, which appends through the engine (or appends to <see cref="Log"/> and applies what it
    /// appended to the engine's state), and returns the events appended.
    /// </summary>
    public async Task<IReadOnlyList<DecisionEvent>> WriteAsync(Func<EnforcementEngine, Task<IReadOnlyList<DecisionEvent>>> write,
        CancellationToken ct = default)
    {
        await _turn.WaitAsync(ct);
        try
        {
            var engine = await CurrentAsync(ct);
            var appended = await write(engine);
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

    /// <summary>The log, for writers that append without the engine (labels); see <see cref="WriteAsync"/>.</summary>
    public IDecisionLog Log => log;

    public TimeProvider Time => time;

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
