using StackExchange.Redis;
using Vigil.Model;

namespace Vigil.Redis;

/// <summary>
/// The work stream on Redis Streams: producers append one entry per new post, workers of a consumer group read,
/// acknowledge, reclaim and dead-letter them. Beside the stream <c>S</c> live <c>S:dead</c> (dead letters, each with
/// its reason), <c>S:failures</c> (the last error each unacknowledged entry met) and <c>S:policy-lock</c>
/// (<see cref="PolicyLock"/>). Only entries every group has acknowledged are trimmed.
/// </summary>
public sealed class WorkStream : IAsyncDisposable
{
    private readonly ConnectionMultiplexer _redis;
    private readonly IDatabase _db;
    private readonly TimeProvider _time;
    private readonly WorkItems _items = new();

    private WorkStream(ConnectionMultiplexer redis, QueueAddress address, WorkStreamOptions options, TimeProvider time)
    {
        _redis = redis;
        _db = redis.GetDatabase(address.Database);
        _time = time;
        Address = address;
        Options = options;
        Key = address.Stream;
        DeadLetterKey = address.Stream + ":dead";
        FailuresKey = address.Stream + ":failures";
        LockKey = address.Stream + ":policy-lock";
    }

    public QueueAddress Address { get; }
    public WorkStreamOptions Options { get; }
    public string Key { get; }
    public string DeadLetterKey { get; }
    internal string FailuresKey { get; }
    internal string LockKey { get; }
    internal IDatabase Database => _db;

    /// <summary>
    /// Connects and creates the stream and the group (reading from the stream's start) if they are missing. A Redis
    /// that is restarting (loading its dataset) is waited for, up to <see cref="StartupPatience"/>.
    /// </summary>
    /// <exception cref="IOException">Redis cannot be reached; the message names the address without its password.</exception>
    public static async Task<WorkStream> ConnectAsync(QueueAddress address, WorkStreamOptions options, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var redis = await ConnectionMultiplexer.ConnectAsync(address.Configuration());
        if (!redis.IsConnected)
        {
            await redis.DisposeAsync();
            throw new IOException($"{address}: cannot reach Redis.");
        }
        var stream = new WorkStream(redis, address, options, time);
        try
        {
            await Outages.RetryAsync(async () =>
            {
                await stream.EnsureGroupAsync();
                return true;
            }, StartupPatience, time, null, CancellationToken.None);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("NOAUTH", StringComparison.Ordinal) ||
                                             e.Message.StartsWith("WRONGPASS", StringComparison.Ordinal))
        {
            await stream.DisposeAsync();
            throw new IOException($"{address}: Redis refused the credentials ({e.Message.Split(' ')[0]}).");
        }
        return stream;
    }

    private static readonly TimeSpan StartupPatience = TimeSpan.FromSeconds(60);

    private async Task EnsureGroupAsync()
    {
        try
        {
            await _db.StreamCreateConsumerGroupAsync(Key, Options.Group, StreamPosition.Beginning, createStream: true);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // Created by another producer or worker: nothing to do.
        }
    }

    // ---- producers

    /// <summary>
    /// Appends one entry per post, first waiting while the stream is at <see cref="WorkStreamOptions.MaxLength"/>. While
    /// Redis restarts the whole batch is appended again (for up to <see cref="WorkStreamOptions.MaxOutage"/>), so an entry
    /// may be queued twice; work items are idempotent, so that only costs a second pass.
    /// </summary>
    /// <returns>How long it waited for room.</returns>
    public Task<TimeSpan> AppendAsync(IReadOnlyList<Post> posts, CancellationToken ct = default) =>
        Outages.RetryAsync(() => AppendOnceAsync(posts, ct), Options.MaxOutage, _time, null, ct);

    private async Task<TimeSpan> AppendOnceAsync(IReadOnlyList<Post> posts, CancellationToken ct)
    {
        if (posts.Count == 0) return TimeSpan.Zero;
        var waited = await WaitForRoomAsync(ct);
        var adds = new Task[posts.Count];
        // Pipelined: the client sends them back to back and the awaits collect the replies.
        for (var i = 0; i < posts.Count; i++) adds[i] = _db.StreamAddAsync(Key, WorkItems.PostField, _items.Encode(posts[i]));
        await Task.WhenAll(adds);
        return waited;
    }

    private async Task<TimeSpan> WaitForRoomAsync(CancellationToken ct)
    {
        var started = _time.GetTimestamp();
        while (await _db.StreamLengthAsync(Key) >= Options.MaxLength)
        {
            // Workers trim as they go; trimming here too keeps a producer from waiting on acknowledged entries.
            await TrimAcknowledgedAsync();
            if (await _db.StreamLengthAsync(Key) < Options.MaxLength) break;
            await Task.Delay(Options.PollInterval, _time, ct);
        }
        return _time.GetElapsedTime(started);
    }

    // ---- workers

    /// <summary>Entries no consumer of the group has been given yet.</summary>
    internal async Task<StreamEntry[]> ReadNewAsync(string consumer, int count) =>
        await _db.StreamReadGroupAsync(Key, Options.Group, consumer, StreamPosition.NewMessages, count);

    /// <summary>
    /// Entries given to this consumer and not acknowledged, after <paramref name="after"/> ("0" for all): what a worker
    /// restarted under the same name resumes.
    /// </summary>
    internal async Task<StreamEntry[]> ReadOwnPendingAsync(string consumer, int count, RedisValue after) =>
        await _db.StreamReadGroupAsync(Key, Options.Group, consumer, after, count);

    /// <summary>Takes over entries pending longer than <see cref="WorkStreamOptions.ClaimIdle"/> with any consumer (XAUTOCLAIM).</summary>
    internal async Task<StreamEntry[]> ClaimIdleAsync(string consumer, int count)
    {
        var result = await _db.StreamAutoClaimAsync(Key, Options.Group, consumer, IdleMilliseconds, "0-0", count);
        return result.ClaimedEntries;
    }

    /// <summary>
    /// Moves entries delivered <see cref="WorkStreamOptions.MaxDeliveries"/> times or more, and idle, to the dead-letter
    /// stream with the last error recorded for them. Each is claimed first, so of two workers doing this at once only
    /// one moves it.
    /// </summary>
    internal async Task<int> DeadLetterOverdeliveredAsync(string consumer, int count)
    {
        var idle = await _db.StreamPendingMessagesAsync(Key, Options.Group, count, RedisValue.Null, "-", "+", IdleMilliseconds);
        var overdelivered = idle.Where(p => p.DeliveryCount >= Options.MaxDeliveries).ToDictionary(p => p.MessageId, p => p);
        if (overdelivered.Count == 0) return 0;
        var claimed = await _db.StreamClaimAsync(Key, Options.Group, consumer, IdleMilliseconds, overdelivered.Keys.ToArray());
        foreach (var entry in claimed)
        {
            var info = overdelivered[entry.Id];
            var reason = await _db.HashGetAsync(FailuresKey, entry.Id);
            await DeadLetterAsync(entry, reason.IsNullOrEmpty
                ? $"not acknowledged after {info.DeliveryCount} deliveries (its workers died or stalled on it)"
                : $"failed {info.DeliveryCount} times; last error: {reason}", info.DeliveryCount, info.ConsumerName!);
        }
        return claimed.Length;
    }

    /// <summary>Copies the entry to the dead-letter stream with why, then acknowledges it.</summary>
    /// <param name="deliveries">How often it was delivered, when known.</param>
    internal async Task DeadLetterAsync(StreamEntry entry, string reason, long? deliveries, string consumer)
    {
        var fields = new List<NameValueEntry>
        {
            new("entry", entry.Id), new("reason", reason), new("consumer", consumer), new("group", Options.Group),
            new("at", _time.GetUtcNow().ToString("O")),
        };
        if (deliveries is { } count) fields.Add(new("deliveries", count));
        // The original fields as they were, so an operator can fix and re-append the item.
        fields.AddRange(entry.Values);
        await _db.StreamAddAsync(DeadLetterKey, fields.ToArray());
        await AcknowledgeAsync([entry.Id]);
    }

    /// <summary>Remembers why an entry failed, for the dead letter it may become.</summary>
    internal Task RecordFailureAsync(RedisValue id, string reason) => _db.HashSetAsync(FailuresKey, id, reason);

    internal async Task AcknowledgeAsync(RedisValue[] ids)
    {
        if (ids.Length == 0) return;
        var ack = _db.StreamAcknowledgeAsync(Key, Options.Group, ids);
        var forget = _db.HashDeleteAsync(FailuresKey, ids);
        await Task.WhenAll(ack, forget);
    }

    /// <summary>Entries of the group given to a consumer and not yet acknowledged.</summary>
    internal async Task<long> PendingCountAsync() => (await _db.StreamPendingAsync(Key, Options.Group)).PendingMessageCount;

    /// <summary>Entries in the dead-letter stream.</summary>
    public async Task<long> DeadLetterCountAsync() => await _db.StreamLengthAsync(DeadLetterKey);

    public async Task<long> LengthAsync() => await _db.StreamLengthAsync(Key);

    /// <summary>
    /// Trims the entries every group has acknowledged: those before the oldest pending entry, or up to the last one
    /// delivered when none is pending. Entries not yet delivered are never touched. The group's last delivered id is read
    /// before its pending entries, so an entry delivered in between only makes the trim keep more.
    /// </summary>
    public async Task<long> TrimAcknowledgedAsync()
    {
        var groups = await _db.StreamGroupInfoAsync(Key);
        if (groups.Length == 0) return 0;
        EntryId? floor = null;
        foreach (var group in groups)
        {
            var pending = await _db.StreamPendingAsync(Key, group.Name);
            var groupFloor = EntryId.Parse(pending.PendingMessageCount > 0 ? pending.LowestPendingMessageId : group.LastDeliveredId);
            if (floor is null || groupFloor.CompareTo(floor.Value) < 0) floor = groupFloor;
        }
        if (floor is not { } min || min.IsZero) return 0;
        return await _db.StreamTrimByMinIdAsync(Key, min.ToString());
    }

    private long IdleMilliseconds => (long)Options.ClaimIdle.TotalMilliseconds;

    public async ValueTask DisposeAsync() => await _redis.DisposeAsync();

    /// <summary>A stream entry id, <c>milliseconds-sequence</c>, ordered as Redis orders them.</summary>
    private readonly record struct EntryId(long Milliseconds, long Sequence) : IComparable<EntryId>
    {
        public bool IsZero => Milliseconds == 0 && Sequence == 0;

        public static EntryId Parse(RedisValue value)
        {
            var text = value.IsNullOrEmpty ? "0-0" : value.ToString();
            var dash = text.IndexOf('-');
            return dash < 0 ? new EntryId(long.Parse(text), 0) : new EntryId(long.Parse(text[..dash]), long.Parse(text[(dash + 1)..]));
        }

        public int CompareTo(EntryId other) =>
            Milliseconds != other.Milliseconds ? Milliseconds.CompareTo(other.Milliseconds) : Sequence.CompareTo(other.Sequence);

        public override string ToString() => $"{Milliseconds}-{Sequence}";
    }
}
