using Vigil.DecisionLog;
using static Vigil.Tests.Policy.PolicyTestKit;

namespace Vigil.Tests.Policy;

/// <summary>What every <see cref="IDecisionLog"/> must do; a PostgreSQL log can reuse this by adding a subclass.</summary>
public abstract class DecisionLogContractTests
{
    protected abstract IDecisionLog Open();

    private static DecisionEvent Event(string id, int minute) => new()
    {
        Id = id, Type = DecisionEventType.Report, At = Start.AddMinutes(minute), Subject = "post:" + id, Actor = "user:u",
        Payload = new EventPayload { Note = "n" + id }.ToJson(),
    };

    [Fact]
    public void AppendsInOrderAndChainsHashes()
    {
        using var log = Open();
        Assert.Null(log.Head());
        var appended = log.Append([Event("a", 0), Event("b", 1)]);
        appended = [.. appended, .. log.Append([Event("c", 2)])];
        Assert.Equal([1L, 2L, 3L], appended.Select(e => e.Sequence));
        Assert.Equal(HashChain.Genesis, appended[0].PrevHash);
        Assert.Equal(appended[0].Hash, appended[1].PrevHash);
        Assert.Equal(appended[1].Hash, appended[2].PrevHash);
        var read = log.ReadAll().ToList();
        Assert.Equal(appended, read);
        Assert.Equal(new LogHead(3, appended[2].Hash, Start.AddMinutes(2)), log.Head());
        Assert.True(LogVerifier.Verify(read).Intact);
    }

    [Fact]
    public void SkipsIdsAlreadyPresentInTheLogOrEarlierInTheBatch()
    {
        using var log = Open();
        log.Append([Event("a", 0)]);
        var appended = log.Append([Event("a", 5), Event("b", 1), Event("b", 2)]);
        var only = Assert.Single(appended);
        Assert.Equal("b", only.Id);
        Assert.Equal(2, only.Sequence);
        Assert.Equal(Start.AddMinutes(1), log.ReadAll().Last().At);
        Assert.True(LogVerifier.Verify(log.ReadAll()).Intact);
    }
}

public sealed class InMemoryDecisionLogContractTests : DecisionLogContractTests
{
    protected override IDecisionLog Open() => new InMemoryDecisionLog();
}

public sealed class SqliteDecisionLogContractTests : DecisionLogContractTests, IDisposable
{
    private readonly string _db = TempDb();

    protected override IDecisionLog Open() => new SqliteDecisionLog(_db);

    public void Dispose()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            if (File.Exists(_db + suffix)) File.Delete(_db + suffix);
    }
}
