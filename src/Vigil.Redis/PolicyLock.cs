using StackExchange.Redis;

namespace Vigil.Redis;

/// <summary>
/// The section in which one worker at a time catches its enforcement state up with the decision log and appends its
/// decisions. The log serialises appends by itself; this keeps each worker's view of strikes and standing whole, so
/// that two workers deciding posts of the same author never each miss the other's strike. A Redis lock with an
/// expiry: a worker that dies holding it blocks the others for <see cref="Expiry"/> at most.
/// </summary>
internal sealed class PolicyLock(IDatabase db, RedisKey key, TimeProvider time)
{
    /// <summary>Far longer than a batch's policy step takes (milliseconds), short enough that a dead holder is soon forgotten.</summary>
    private static readonly TimeSpan Expiry = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(50);

    /// <param name="ct">Cancels the wait for the lock only: once taken, <paramref name="work"/> runs to the end.</param>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled before the lock was taken.</exception>
    public async Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken ct)
    {
        RedisValue token = Guid.NewGuid().ToString("N");
        var wait = TimeSpan.FromMilliseconds(1);
        while (!await db.LockTakeAsync(key, token, Expiry))
        {
            await Task.Delay(wait, time, ct);
            if (wait < MaxWait) wait *= 2;
        }
        try
        {
            return await work();
        }
        finally
        {
            await db.LockReleaseAsync(key, token);
        }
    }
}
