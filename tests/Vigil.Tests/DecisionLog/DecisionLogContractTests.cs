using Vigil.Tests.Policy;
using Vigil.DecisionLog;
using Vigil.Tests.Support;
using static Vigil.Tests.Policy.PolicyTestKit;

namespace Vigil.Tests.DecisionLog;

/// <summary>What every <see cref="IDecisionLog"/> must do; a PostgreSQL log can reuse this by adding a subclass.</summary>
public abstract class DecisionLogContractTests
{
    /// <summary>A log for one test: empty, not yet migrated.</summary>
    protected abstract IDecisionLog Create();

    private async Task<IDecisionLog> OpenAsync()
    {
        var log = Create();
        await log.MigrateAsync();
        await log.MigrateAsync();
        return log;
    }

    private static DecisionEvent Event(string id, int minute) => new()
    {
        Id = id, Type = DecisionEventType.Report, At = Start.AddMinutes(minute), Subject = "post:" + id, Actor = "user:u",
        Payload = new EventPayload { Note = "n" + id }.ToJson(),
    };

    [ContractFact]
    public async Task AppendsInOrderAndChainsHashes()
    {
        await using var log = await OpenAsync();
        Assert.Null(await log.HeadAsync());
        var appended = await log.AppendAsync([Event("a", 0), Event("b", 1)]);
        appended = [.. appended, .. await log.AppendAsync([Event("c", 2)])];
        Assert.Equal([1L, 2L, 3L], appended.Select(e => e.Sequence));
        Assert.Equal(HashChain.Genesis, appended[0].PrevHash);
        Assert.Equal(appended[0].Hash, appended[1].PrevHash);
        Assert.Equal(appended[1].Hash, appended[2].PrevHash);
        var read = await log.ReadAllAsync().ToListAsync();
        Assert.Equal(appended, read);
        Assert.Equal(new LogHead(3, appended[2].Hash, Start.AddMinutes(2)), await log.HeadAsync());
        Assert.True(LogVerifier.Verify(read).Intact);
    }

    [ContractFact]
    public async Task ReadsOnlyTheEventsAfterASequence()
    {
        await using var log = await OpenAsync();
        var appended = await log.AppendAsync([Event("a", 0), Event("b", 1), Event("c", 2)]);

        Assert.Equal(appended.Skip(1), await log.ReadAfterAsync(1).ToListAsync());
        Assert.Equal(appended, await log.ReadAfterAsync(0).ToListAsync());
        Assert.Empty(await log.ReadAfterAsync(3).ToListAsync());
    }

    [ContractFact]
    public async Task SkipsIdsAlreadyPresentInTheLogOrEarlierInTheBatch()
    {
        await using var log = await OpenAsync();
        await log.AppendAsync([Event("a", 0)]);
        var appended = await log.AppendAsync([Event("a", 5), Event("b", 1), Event("b", 2)]);
        var only = Assert.Single(appended);
        Assert.Equal("b", only.Id);
        Assert.Equal(2, only.Sequence);
        Assert.Equal(Start.AddMinutes(1), (await log.ReadAllAsync().ToListAsync()).Last().At);
        Assert.True((await LogVerifier.VerifyAsync(log.ReadAllAsync())).Intact);
    }

    [ContractFact]
    public async Task AnAppendCancelledBeforeItStartsAppendsNothing()
    {
        await using var log = await OpenAsync();
        await log.AppendAsync([Event("a", 0)]);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => log.AppendAsync([Event("b", 1)], cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => log.HeadAsync(cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in log.ReadAllAsync(cancelled.Token)) { }
        });

        Assert.Equal(["a"], (await log.ReadAllAsync().ToListAsync()).Select(e => e.Id));
        Assert.Equal(1, (await log.HeadAsync())!.Sequence);
    }

    [ContractFact]
    public async Task AnAppendCancelledWhileItRunsAppendsAllOfItsBatchOrNone()
    {
        await using var log = await OpenAsync();
        using var cancellation = new CancellationTokenSource();
        var events = Enumerable.Range(0, 200).Select(i => Event($"e{i:D3}", i)).ToList();

        try
        {
            await log.AppendAsync(new CancellingList(events, cancelAt: 100, cancellation), cancellation.Token);
            Assert.Equal(200, (await log.ReadAllAsync().ToListAsync()).Count);
        }
        catch (OperationCanceledException)
        {
            Assert.Empty(await log.ReadAllAsync().ToListAsync());
            Assert.Null(await log.HeadAsync());
        }
        // Either way the chain goes on from where the log is.
        var next = await log.AppendAsync([Event("next", 500)]);
        Assert.True((await LogVerifier.VerifyAsync(log.ReadAllAsync())).Intact);
        Assert.Equal((await log.HeadAsync())!.Hash, Assert.Single(next).Hash);
    }

    /// <summary>A batch that cancels a token as the log reads one of its events.</summary>
    private sealed class CancellingList(IReadOnlyList<DecisionEvent> items, int cancelAt, CancellationTokenSource cancellation)
        : IReadOnlyList<DecisionEvent>
    {
        public DecisionEvent this[int index]
        {
            get
            {
                if (index == cancelAt) cancellation.Cancel();
                return items[index];
            }
        }

        public int Count => items.Count;

        public IEnumerator<DecisionEvent> GetEnumerator()
        {
            for (var i = 0; i < items.Count; i++) yield return this[i];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

public sealed class InMemoryDecisionLogContractTests : DecisionLogContractTests
{
    protected override IDecisionLog Create() => new InMemoryDecisionLog();
}

public sealed class SqliteDecisionLogContractTests : DecisionLogContractTests, IDisposable
{
    private readonly string _db = TempDb();

    protected override IDecisionLog Create() => new SqliteDecisionLog(_db);

    public void Dispose()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            if (File.Exists(_db + suffix)) File.Delete(_db + suffix);
    }
}
