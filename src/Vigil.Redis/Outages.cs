using System.Data.Common;
using System.Net.Sockets;
using StackExchange.Redis;
using Vigil.Storage;

namespace Vigil.Redis;

/// <summary>
/// Failures of Redis or of the store rather than of a work item — a restart, a failover, a dataset still loading —
/// and the one way producers and workers wait them out: retry after growing pauses, up to a limit.
/// </summary>
internal static class Outages
{
    public static bool IsOutage(Exception e) =>
        e is RedisConnectionException or RedisTimeoutException or DbException or IOException or TimeoutException or SocketException ||
        (e is RedisServerException server && server.Message.StartsWith("LOADING", StringComparison.Ordinal));

    /// <summary>Runs <paramref name="action"/> until it succeeds, fails otherwise, or the outage has lasted <paramref name="limit"/>.</summary>
    /// <param name="onRetry">Told what failed and how long the pause is, before each pause.</param>
    public static Task<T> RetryAsync<T>(Func<Task<T>> action, TimeSpan limit, TimeProvider time, Action<Exception, TimeSpan>? onRetry,
        CancellationToken ct) =>
        Outage.RetryAsync(action, IsOutage, limit, time, onRetry, ct);
}
