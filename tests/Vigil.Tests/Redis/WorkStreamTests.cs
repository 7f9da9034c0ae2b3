using StackExchange.Redis;
using Vigil.DecisionLog;
using Vigil.Detection;
using Vigil.Model;
using Vigil.Policy;
using Vigil.Redis;
using Vigil.Redis.Worker;
using Vigil.Storage.Sqlite;
using Vigil.Tests.Support;

namespace Vigil.Tests.Redis;

[Collection("redis")]
public sealed class WorkStreamTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private RedisStreams _redis = null!;

    public Task InitializeAsync()
    {
        _redis = Services.RedisOrNull is null ? null! : new RedisStreams("stream");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_redis is not null) await _redis.DisposeAsync();
    }

    private static List<Post> Posts(int from, int count) =>
        Enumerable.Range(from, count).Select(i => new Post { Id = $"p{i}", AuthorId = $"a{i % 3}", CreatedAt = T0.AddMinutes(i), Text = $"post number {i}" }).ToList();

    [RedisFact]
    public async Task A_full_stream_holds_the_producer_until_entries_are_acknowledged_and_trims_only_those()
    {
        var stream = await _redis.OpenAsync(new WorkStreamOptions { MaxLength = 10, PollInterval = TimeSpan.FromMilliseconds(20) });
        await stream.AppendAsync(Posts(0, 10));

        var blocked = stream.AppendAsync(Posts(10, 5));
        var delivered = await stream.ReadNewAsync("c1", 4);
        await Task.Delay(300);
        Assert.False(blocked.IsCompleted);
        // Delivered but not acknowledged: nothing may go.
        Assert.Equal(0, await stream.TrimAcknowledgedAsync());
        Assert.Equal(10, await stream.LengthAsync());

        await stream.AcknowledgeAsync(delivered.Select(e => e.Id).ToArray());
        await blocked.WaitAsync(TimeSpan.FromSeconds(10));

        // The four acknowledged entries were trimmed (but for the last one delivered, which marks the group's place);
        // every entry not yet processed is still there, in order.
        var rest = await stream.ReadNewAsync("c1", 100);
        Assert.Equal(Enumerable.Range(4, 11).Select(i => $"p{i}"), rest.Select(e => WorkItems.Decode(e, stream.Key).Id));
        Assert.InRange(await stream.LengthAsync(), 11, 12);
    }

    [RedisFact]
    public async Task An_entry_that_keeps_failing_goes_to_the_dead_letter_stream_with_its_last_error()
    {
        var idle = TimeSpan.FromMilliseconds(50);
        var stream = await _redis.OpenAsync(new WorkStreamOptions { MaxDeliveries = 3, ClaimIdle = idle });
        await stream.AppendAsync(Posts(0, 1));
        var entry = Assert.Single(await stream.ReadNewAsync("w1", 10));
        await stream.RecordFailureAsync(entry.Id, "InvalidOperationException: boom");

        for (var delivery = 2; delivery <= 3; delivery++)
        {
            await Task.Delay(idle * 2);
            Assert.Equal(0, await stream.DeadLetterOverdeliveredAsync("w2", 10));
            Assert.Single(await stream.ClaimIdleAsync("w2", 10));
        }
        await Task.Delay(idle * 2);
        Assert.Equal(1, await stream.DeadLetterOverdeliveredAsync("w3", 10));

        Assert.Equal(0, await stream.PendingCountAsync());
        var dead = Assert.Single(await stream.Database.StreamRangeAsync(stream.DeadLetterKey));
        Assert.Equal(entry.Id, dead["entry"]);
        Assert.Equal("failed 3 times; last error: InvalidOperationException: boom", dead["reason"].ToString());
        Assert.Equal("p0", WorkItems.Decode(dead, stream.DeadLetterKey).Id);
    }

    [RedisFact]
    public async Task A_stopped_worker_does_not_wait_out_a_policy_lock_a_killed_worker_still_holds()
    {
        var stream = await _redis.OpenAsync();
        await stream.AppendAsync(Posts(0, 3));
        // What a SIGKILLed worker leaves: the lock under a token nobody will release, for its 15 s expiry. A stopping
        // command gets 10 s before it is cut off (exit 143), so the wait must end with the stop.
        Assert.True(await stream.Database.LockTakeAsync(stream.LockKey, "killed-worker", TimeSpan.FromSeconds(15)));
        await InWorkerDatabaseAsync(async (store, log) =>
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            var clock = System.Diagnostics.Stopwatch.StartNew();

            var result = await StreamWorker.RunAsync(stream, store, log, new WorkerOptions
            {
                Name = "w1", Detector = Detector.LoadDefault(), Policy = EnforcementPolicy.Default,
            }, stop: stop.Token);

            Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(8));
            // Nothing of the policy ran: no decision, and the batch stays pending for whoever claims it.
            Assert.Equal((0L, 0L), (result.Acknowledged, result.Decisions));
            Assert.Equal(3, await stream.PendingCountAsync());
            Assert.Null(await log.HeadAsync());
        });
    }

    [RedisFact]
    public async Task A_worker_dead_letters_an_unreadable_entry_at_once_and_commits_the_rest()
    {
        var stream = await _redis.OpenAsync();
        await stream.AppendAsync(Posts(0, 3));
        await stream.Database.StreamAddAsync(stream.Key, WorkItems.PostField, "{\"kind\":\"post\",\"v\":1,\"id\":\"p9\"}");
        await InWorkerDatabaseAsync(async (store, log) =>
        {
            var result = await StreamWorker.RunAsync(stream, store, log, new WorkerOptions
            {
                Name = "w1", Detector = Detector.LoadDefault(), Policy = EnforcementPolicy.Default, Drain = true,
            });

            Assert.Equal((3L, 3L, 1L, true), (result.Acknowledged, result.Assessed, result.DeadLettered, result.Drained));
            var dead = Assert.Single(await stream.Database.StreamRangeAsync(stream.DeadLetterKey));
            Assert.StartsWith($"unreadable work item: {stream.Key} entry ", dead["reason"].ToString());
            Assert.Equal(3, await store.ReadAssessmentsAsync(Detector.LoadDefault().ModelVersion).CountAsync());
        });
    }

    /// <summary>Runs <paramref name="test"/> on a fresh SQLite store and decision log in a folder of its own, deleted after.</summary>
    private static async Task InWorkerDatabaseAsync(Func<SqliteStore, SqliteDecisionLog, Task> test)
    {
        var folder = Directory.CreateTempSubdirectory("vigil-worker-").FullName;
        try
        {
            var path = Path.Combine(folder, "w.db");
            await using var store = new SqliteStore(path);
            await store.MigrateAsync();
            await using var log = new SqliteDecisionLog(path);
            await test(store, log);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
