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
        var expected = 1L;
        var prev = HashChain.Genesis;
        var checkedCount = 0L;
        string? hashAtSignedHead = null;
        foreach (var e in events)
        {
            if (e.Sequence > expected)
                return Bad(checkedCount, TamperKind.Removed, expected, null,
                    $"event {expected} was removed (the log jumps from {expected - 1} to {e.Sequence}).");
            if (e.Sequence < expected)
                return Bad(checkedCount, TamperKind.InsertedOrReordered, e.Sequence, e.Id,
                    $"event {e.Sequence} ({e.Id}) repeats a sequence number already seen.");
            if (e.PrevHash != prev)
                return Bad(checkedCount, TamperKind.InsertedOrReordered, e.Sequence, e.Id,
                    $"event {e.Sequence} ({e.Id}) does not follow event {e.Sequence - 1}: it was inserted or reordered.");
            if (HashChain.Compute(e) != e.Hash)
                return Bad(checkedCount, TamperKind.Changed, e.Sequence, e.Id,
                    $"event {e.Sequence} ({e.Id}) was changed: its content no longer matches its hash.");
            if (e.Sequence == signedHead?.Sequence) hashAtSignedHead = e.Hash;
            prev = e.Hash;
            expected++;
            checkedCount++;
        }
        if (signedHead is not null)
        {
            if (checkedCount < signedHead.Sequence)
                return Bad(checkedCount, TamperKind.Truncated, checkedCount + 1, null,
                    $"the log ends at event {checkedCount} but the signed head is at {signedHead.Sequence}: events were removed from the end.");
            if (hashAtSignedHead != signedHead.Hash)
                return Bad(checkedCount, TamperKind.Changed, signedHead.Sequence, null,
                    $"event {signedHead.Sequence} differs from the one the signed head vouches for.");
        }
        return new VerifyResult(true, checkedCount, TamperKind.None, null, null, $"{checkedCount} events, chain intact.");
    }

    private static VerifyResult Bad(long checkedCount, TamperKind kind, long sequence, string? id, string message) =>
        new(false, checkedCount, kind, sequence, id, message);
}
