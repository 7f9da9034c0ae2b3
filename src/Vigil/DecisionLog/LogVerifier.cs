namespace Vigil.DecisionLog;

public enum TamperKind
{
    None,
    /// <summary>A sequence number is missing: an event was deleted.</summary>
    Removed,
    /// <summary>The event's link to its predecessor is broken: inserted, or moved out of order.</summary>
    InsertedOrReordered,
    /// <summary>The event's content no longer matches its own hash.</summary>
    Changed,
    /// <summary>The log ends before the signed head it was checked against.</summary>
    Truncated,
}

public sealed record VerifyResult(bool Intact, long EventsChecked, TamperKind Kind, long? Sequence, string? EventId, string Message);

/// <summary>Walks the chain from genesis, recomputing every hash, and stops at the first event that does not fit.</summary>
public static class LogVerifier
{
    public static VerifyResult Verify(IEnumerable<DecisionEvent> events, LogHead? signedHead = null)
    {
        var walk = new Walk(signedHead);
        foreach (var e in events)
            if (walk.Step(e) is { } bad) return bad;
        return walk.Finish();
    }

    /// <summary>The same walk over a log read as it streams (<see cref="IDecisionLog.ReadAllAsync"/>).</summary>
    public static async Task<VerifyResult> VerifyAsync(IAsyncEnumerable<DecisionEvent> events, LogHead? signedHead = null,
        CancellationToken ct = default)
    {
        var walk = new Walk(signedHead);
        await foreach (var e in events.WithCancellation(ct))
            if (walk.Step(e) is { } bad) return bad;
        return walk.Finish();
    }

    private sealed class Walk(LogHead? signedHead)
    {
        private long _expected = 1L;
        private string _prev = HashChain.Genesis;
        private long _checked;
        private string? _hashAtSignedHead;

        /// <summary>Null while the chain holds; the failure at the first event that breaks it.</summary>
        public VerifyResult? Step(DecisionEvent e)
        {
            if (e.Sequence > _expected)
                return Bad(_checked, TamperKind.Removed, _expected, null,
                    $"event {_expected} was removed (the log jumps from {_expected - 1} to {e.Sequence}).");
            if (e.Sequence < _expected)
                return Bad(_checked, TamperKind.InsertedOrReordered, e.Sequence, e.Id,
                    $"event {e.Sequence} ({e.Id}) repeats a sequence number already seen.");
            if (e.PrevHash != _prev)
                return Bad(_checked, TamperKind.InsertedOrReordered, e.Sequence, e.Id,
                    $"event {e.Sequence} ({e.Id}) does not follow event {e.Sequence - 1}: it was inserted or reordered.");
            if (HashChain.Compute(e) != e.Hash)
                return Bad(_checked, TamperKind.Changed, e.Sequence, e.Id,
                    $"event {e.Sequence} ({e.Id}) was changed: its content no longer matches its hash.");
            if (e.Sequence == signedHead?.Sequence) _hashAtSignedHead = e.Hash;
            _prev = e.Hash;
            _expected++;
            _checked++;
            return null;
        }

        public VerifyResult Finish()
        {
            if (signedHead is not null)
            {
                if (_checked < signedHead.Sequence)
                    return Bad(_checked, TamperKind.Truncated, _checked + 1, null,
                        $"the log ends at event {_checked} but the signed head is at {signedHead.Sequence}: events were removed from the end.");
                if (_hashAtSignedHead != signedHead.Hash)
                    return Bad(_checked, TamperKind.Changed, signedHead.Sequence, null,
                        $"event {signedHead.Sequence} differs from the one the signed head vouches for.");
            }
            return new VerifyResult(true, _checked, TamperKind.None, null, null, $"{_checked} events, chain intact.");
        }
    }

    private static VerifyResult Bad(long checkedCount, TamperKind kind, long sequence, string? id, string message) =>
        new(false, checkedCount, kind, sequence, id, message);
}
