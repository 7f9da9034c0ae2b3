using System.Data.Common;
using System.Net.Sockets;

namespace Vigil.Storage;

/// <summary>
/// A database or service that went away for a while — a restart, a failover — rather than refused the work, and the
/// one way Vigil's writers wait it out: retry after growing pauses, up to a limit. A write retried this way must be
/// idempotent (every store write is: keyed upserts that count what they already held).
/// </summary>
public static class Outage
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The database went away, as opposed to refusing the statement: an error the driver calls transient (a dropped or
    /// refused connection, a server shutting down or starting up), or the socket and time-out errors beneath one.
    /// </summary>
    public static bool OfStore(Exception e) => e is DbException { IsTransient: true } or IOException or TimeoutException or SocketException;

    /// <summary>
    /// Runs <paramref name="action"/> until it succeeds, fails with an error <paramref name="isOutage"/> does not accept,
    /// or the outage has lasted <paramref name="limit"/> (then its last error stands).
    /// </summary>
    /// <param name="onRetry">Told what failed and how long the pause is, before each pause.</param>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> action, Func<Exception, bool> isOutage, TimeSpan limit, TimeProvider time,
        Action<Exception, TimeSpan>? onRetry, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var pause = FirstPause;
        while (true)
        {
            try
            {
                return await action();
            }
            catch (Exception e) when (isOutage(e) && time.GetElapsedTime(started) < limit)
            {
                onRetry?.Invoke(e, pause);
                await Task.Delay(pause, time, ct);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
            }
        }
    }
}
