namespace Vigil.DecisionLog;

/// <summary>A log held in memory, for tests, benchmarks of the engine alone, and dry runs.</summary>
public sealed class InMemoryDecisionLog : IDecisionLog
{
    private readonly List<DecisionEvent> _events = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public IReadOnlyList<DecisionEvent> Append(IReadOnlyList<DecisionEvent> events)
    {
        var appended = new List<DecisionEvent>(events.Count);
        foreach (var e in events)
        {
            if (!_ids.Add(e.Id)) continue;
            var prev = _events.Count == 0 ? HashChain.Genesis : _events[^1].Hash;
            var sealedEvent = HashChain.Seal(e, _events.Count + 1, prev);
            _events.Add(sealedEvent);
            appended.Add(sealedEvent);
        }
        return appended;
    }

    public IEnumerable<DecisionEvent> ReadAll() => _events;

    public LogHead? Head() => _events.Count == 0 ? null : new LogHead(_events[^1].Sequence, _events[^1].Hash, _events[^1].At);

    public void Dispose() { }
}
