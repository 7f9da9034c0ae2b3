using System.Runtime.CompilerServices;

namespace Vigil.DecisionLog;

/// <summary>A log held in memory, for tests, benchmarks of the engine alone, and dry runs.</summary>
public sealed class InMemoryDecisionLog : IDecisionLog, IDisposable
{
    private readonly List<DecisionEvent> _events = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public Task MigrateAsync(CancellationToken ct = default) =>
        ct.IsCancellationRequested ? Task.FromCanceled(ct) : Task.CompletedTask;

    public Task<IReadOnlyList<DecisionEvent>> AppendAsync(IReadOnlyList<DecisionEvent> events, CancellationToken ct = default)
    {
        // Sealed aside and added at the end, so that a cancelled batch leaves nothing, as a rolled-back transaction would.
        var appended = new List<DecisionEvent>(events.Count);
        var batchIds = new HashSet<string>(StringComparer.Ordinal);
        var prev = _events.Count == 0 ? HashChain.Genesis : _events[^1].Hash;
        foreach (var e in events)
        {
            if (ct.IsCancellationRequested) return Task.FromCanceled<IReadOnlyList<DecisionEvent>>(ct);
            if (_ids.Contains(e.Id) || !batchIds.Add(e.Id)) continue;
            var sealedEvent = HashChain.Seal(e, _events.Count + appended.Count + 1, prev);
            prev = sealedEvent.Hash;
            appended.Add(sealedEvent);
        }
        if (ct.IsCancellationRequested) return Task.FromCanceled<IReadOnlyList<DecisionEvent>>(ct);
        _events.AddRange(appended);
        _ids.UnionWith(batchIds);
        return Task.FromResult<IReadOnlyList<DecisionEvent>>(appended);
    }

    /// <summary>A snapshot: events appended while it is read are not in it.</summary>
    public async IAsyncEnumerable<DecisionEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        var count = _events.Count;
        for (var i = 0; i < count; i++)
        {
            ct.ThrowIfCancellationRequested();
            yield return _events[i];
        }
        await Task.CompletedTask;
    }

    public Task<LogHead?> HeadAsync(CancellationToken ct = default)
    {
        if (ct.IsCancellationRequested) return Task.FromCanceled<LogHead?>(ct);
        return Task.FromResult(_events.Count == 0 ? null : new LogHead(_events[^1].Sequence, _events[^1].Hash, _events[^1].At));
    }

    public void Dispose() { }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
