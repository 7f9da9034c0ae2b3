using Vigil.Tests.Policy;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Vigil.DecisionLog;
using Vigil.Enforcement;
using Vigil.Model;
using Vigil.Policy;
using static Vigil.Tests.Policy.PolicyTestKit;

namespace Vigil.Tests.DecisionLog;

/// <summary>
/// The SQLite log on a real file: idempotent re-runs, and tampering with raw SQL caught both by the verifier and by
/// <c>vigil log verify</c> (exit 3). Shares the console collection because it runs the command.
/// </summary>
[Collection("console")]
public sealed class DecisionLogTests : IDisposable
{
    private readonly string _db = TempDb();
    private readonly FakeClock _clock = new(Start);

    public void Dispose()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            if (File.Exists(_db + suffix)) File.Delete(_db + suffix);
    }

    private static PolicyInput[] Inputs() =>
    [
        Input("p1", "a1", ContentCode.DualLoyalty), Input("p2", "a2", ContentCode.IncitementViolence),
        Input("p3", "a3", ContentCode.NaziComparison, target: Target.IsraelState),
        Input("p4", "bot", ContentCode.None, score: 0.01, botScore: 0.9), Input("p5", "a1", ContentCode.HolocaustDenial),
    ];

    /// <summary>Writes a log of several events to the file and returns their count.</summary>
    private async Task<int> WriteLogAsync()
    {
        using var log = new SqliteDecisionLog(_db);
        var engine = await EngineAsync(_clock, log);
        await engine.ApplyAsync(Inputs());
        var id = DecisionIdFor(engine, "p1");
        await engine.FileAppealAsync(id, "a1");
        await engine.ResolveAppealAsync(id, Alice, overturn: true);
        return (await log.ReadAllAsync().ToListAsync()).Count();
    }

    private async Task<VerifyResult> VerifyFileAsync()
    {
        VerifyResult result;
        using (var log = new SqliteDecisionLog(_db)) result = await LogVerifier.VerifyAsync(log.ReadAllAsync());
        Assert.Equal(result.Intact ? 0 : 3, Vigil.Cli.Program.Main(["log", "verify", "--db", _db]));
        return result;
    }

    private int Sql(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_db}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var changed = command.ExecuteNonQuery();
        SqliteConnection.ClearPool(connection);
        return changed;
    }

    [Fact]
    public async Task AnUntouchedLogVerifies()
    {
        var count = await WriteLogAsync();
        var result = await VerifyFileAsync();
        Assert.True(result.Intact, result.Message);
        Assert.Equal(count, result.EventsChecked);
    }

    [Fact]
    public async Task AnEditedEventIsNamed()
    {
        await WriteLogAsync();
        Assert.Equal(1, Sql("UPDATE decision_events SET payload = replace(payload, 'demote,', '') WHERE seq = 1"));
        var result = await VerifyFileAsync();
        Assert.False(result.Intact);
        Assert.Equal(TamperKind.Changed, result.Kind);
        Assert.Equal(1, result.Sequence);
    }

    [Fact]
    public async Task ADeletedEventIsNamed()
    {
        await WriteLogAsync();
        Assert.Equal(1, Sql("DELETE FROM decision_events WHERE seq = 4"));
        var result = await VerifyFileAsync();
        Assert.Equal(TamperKind.Removed, result.Kind);
        Assert.Equal(4, result.Sequence);
        Assert.Contains("event 4 was removed", result.Message);
    }

    [Fact]
    public async Task AnInsertedEventIsNamed()
    {
        await WriteLogAsync();
        // Make room at sequence 3 and insert a plausible event there, with a hash that is right for its own content.
        Sql("UPDATE decision_events SET seq = seq + 1000000 WHERE seq >= 3;" +
            "UPDATE decision_events SET seq = seq - 1000000 + 1 WHERE seq >= 1000000;");
        string prev;
        using (var log = new SqliteDecisionLog(_db)) prev = (await log.ReadAllAsync().ToListAsync()).First(e => e.Sequence == 2).Hash;
        var forged = HashChain.Seal(new DecisionEvent
        {
            Id = "forged", Type = DecisionEventType.Decision, At = Start, Subject = DecisionSubject.Post("p9").ToString(), Actor = "engine:vigil",
            Payload = new EventPayload { Actions = "label" }.ToJson(),
        }, 3, prev);
        Sql($"INSERT INTO decision_events VALUES (3, 'forged', 'Decision', '{HashChain.FormatTime(Start)}', 'post:p9', " +
            $"'engine:vigil', '', '', '', '{forged.Payload}', '{forged.PrevHash}', '{forged.Hash}')");

        var result = await VerifyFileAsync();
        Assert.False(result.Intact);
        Assert.Equal(TamperKind.InsertedOrReordered, result.Kind);
        Assert.Equal(4, result.Sequence);
    }

    [Fact]
    public async Task ReorderedEventsAreNamed()
    {
        await WriteLogAsync();
        Sql("UPDATE decision_events SET seq = -1 WHERE seq = 2;" +
            "UPDATE decision_events SET seq = 2 WHERE seq = 3;" +
            "UPDATE decision_events SET seq = 3 WHERE seq = -1;");
        var result = await VerifyFileAsync();
        Assert.False(result.Intact);
        Assert.Equal(2, result.Sequence);
        Assert.Equal(TamperKind.InsertedOrReordered, result.Kind);
    }

    [Fact]
    public async Task CuttingTheTailIsCaughtAgainstASignedHead()
    {
        var count = await WriteLogAsync();
        using var key = LogHeadSigner.NewKey();
        SignedLogHead signed;
        using (var log = new SqliteDecisionLog(_db)) signed = LogHeadSigner.Sign((await log.HeadAsync())!, key);
        Assert.True(LogHeadSigner.Check(signed, key));
        Assert.False(LogHeadSigner.Check(signed with { Hash = new string('0', 64) }, key));

        Sql($"DELETE FROM decision_events WHERE seq = {count}");
        using var reopened = new SqliteDecisionLog(_db);
        Assert.True((await LogVerifier.VerifyAsync(reopened.ReadAllAsync())).Intact);
        var result = await LogVerifier.VerifyAsync(reopened.ReadAllAsync(), new LogHead(signed.Sequence, signed.Hash, signed.At));
        Assert.Equal(TamperKind.Truncated, result.Kind);
    }

    [Fact]
    public async Task ReRunningTheSameInputsAddsNothing()
    {
        var first = await WriteLogAsync();
        using var log = new SqliteDecisionLog(_db);
        var engine = await EngineAsync(_clock, log);
        var run = await engine.ApplyAsync(Inputs());
        Assert.Equal(0, run.EventsAppended);
        Assert.Equal(0, run.Decisions);
        Assert.Equal(first, (await log.ReadAllAsync().ToListAsync()).Count());
    }

    [Fact]
    public async Task ANewPolicyVersionAddsDecisionsThatCiteIt()
    {
        await WriteLogAsync();
        var text = File.ReadAllText(Path.Combine(RepoRoot(), "policies", "default.yaml"))
            .Replace($"version: {EnforcementPolicy.Default.Version}", "version: default-next");
        var next = PolicyLoader.Parse(new StringReader(text), "next.yaml");
        using var log = new SqliteDecisionLog(_db);
        var engine = await EngineAsync(_clock, log, next);
        var run = await engine.ApplyAsync(Inputs());
        Assert.True(run.Decisions >= Inputs().Length);
        var cited = engine.State.DecisionsFor(DecisionSubject.Post("p1")).Select(d => d.PolicyVersion).ToHashSet();
        Assert.Equal(new HashSet<string> { EnforcementPolicy.Default.Version, "default-next" }, cited);
        Assert.True((await LogVerifier.VerifyAsync(log.ReadAllAsync())).Intact);
    }

    [Fact]
    public async Task ANewModelVersionAlsoAddsDecisions()
    {
        await WriteLogAsync();
        using var log = new SqliteDecisionLog(_db);
        var engine = await EngineAsync(_clock, log);
        var run = await engine.ApplyAsync([Input("p1", "a1", ContentCode.DualLoyalty, model: "model-test-2")]);
        Assert.Equal(1, run.Decisions);
    }

    [Fact]
    public void TheCanonicalFormCannotBeShiftedBetweenFields()
    {
        var a = new DecisionEvent
        {
            Id = "x", Type = DecisionEventType.Report, At = Start, Subject = "post:ab", Actor = "c", Payload = "{}",
        };
        var b = a with { Subject = "post:a", Actor = "bc" };
        Assert.NotEqual(HashChain.Compute(a), HashChain.Compute(b));
        Assert.Equal(HashChain.Compute(a), HashChain.Compute(a with { }));
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Vigil.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root.");
    }
}
