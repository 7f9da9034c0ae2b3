using Vigil.Tests.DecisionLog;
using Vigil.Tests.Policy;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Vigil.Cli;

namespace Vigil.Tests.Cli.Commands;

/// <summary>The commands end to end on a real database file written by <c>vigil policy apply</c>.</summary>
[Collection("console")]
public sealed class PolicyCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-policy-cli-").FullName;
    private string Db => Path.Combine(_dir, "vigil.db");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // Hand-written inputs: two agreed violations, one contested post, one incitement, one bot, one broken line.
    private string Inputs()
    {
        var path = Path.Combine(_dir, "inputs.jsonl");
        File.WriteAllLines(path,
        [
            """{"post_id":"p1","author_id":"a1","code":"dual-loyalty","p_antisemitic":0.95,"confidence":0.9,"model_version":"m1","reach":50}""",
            """{"post_id":"p2","author_id":"a2","code":"nazi-comparison","target":"israel-state","p_antisemitic":0.9,"model_version":"m1"}""",
            """{"post_id":"p3","author_id":"a3","code":"incitement-violence","p_hateful":0.99,"model_version":"m1","reach":9000}""",
            """{"post_id":"p4","author_id":"b1","code":"none","bot_score":0.97,"model_version":"m1"}""",
            """{"post_id":"p5","author_id":"a1","code":"not-a-code","model_version":"m1"}""",
            """{"post_id":"p6","author_id":"a4","code":"conspiracy-control-trope","p_antisemitic":0.92,"confidence":0.8,"model_version":"m1"}""",
        ]);
        return path;
    }

    private int Run(params string[] args) => Program.Main(args);

    [Fact]
    public void ApplySetsTheBadLineAsideAndReRunningAddsNothing()
    {
        Assert.Equal(1, Run("policy", "apply", "--in", Inputs(), "--db", Db));
        var count = Count();
        Assert.True(count >= 6);
        Assert.Equal(1, Run("policy", "apply", "--in", Inputs(), "--db", Db));
        Assert.Equal(count, Count());
        Assert.Equal(0, Run("log", "verify", "--db", Db));
    }

    [Fact]
    public void VerifyExitsThreeOnATamperedFile()
    {
        Run("policy", "apply", "--in", Inputs(), "--db", Db);
        Sql("UPDATE decision_events SET subject = 'post:other' WHERE seq = 2");
        Assert.Equal(3, Run("log", "verify", "--db", Db));
    }

    [Fact]
    public void VerifyOfAMissingDatabaseIsAUsageError()
    {
        Assert.Equal(2, Run("log", "verify", "--db", Path.Combine(_dir, "absent.db")));
        Assert.False(File.Exists(Path.Combine(_dir, "absent.db")));
    }

    [Fact]
    public void SignedHeadCatchesATruncatedLog()
    {
        Run("policy", "apply", "--in", Inputs(), "--db", Db);
        var keyPath = Path.Combine(_dir, "key.pem");
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256)) File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        var headPath = Path.Combine(_dir, "head.json");
        var stdout = Console.Out;
        using (var writer = new StringWriter())
        {
            Console.SetOut(writer);
            try { Assert.Equal(0, Run("log", "head", "--db", Db, "--key", keyPath)); }
            finally { Console.SetOut(stdout); }
            File.WriteAllText(headPath, writer.ToString());
        }
        Assert.Equal(0, Run("log", "verify", "--db", Db, "--head", headPath));
        Sql($"DELETE FROM decision_events WHERE seq = {Count()}");
        Assert.Equal(0, Run("log", "verify", "--db", Db));
        Assert.Equal(3, Run("log", "verify", "--db", Db, "--head", headPath));
    }

    [Fact]
    public void ExportsWriteTheirFiles()
    {
        Run("policy", "apply", "--in", Inputs(), "--db", Db);
        var keyPath = Path.Combine(_dir, "key.pem");
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256)) File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        Assert.Equal(0, Run("export", "dsa", "--db", Db, "--out", Path.Combine(_dir, "dsa")));
        Assert.True(File.Exists(Path.Combine(_dir, "dsa", "dsa-0001.json")));
        Assert.Equal(0, Run("export", "atproto", "--db", Db, "--out", Path.Combine(_dir, "labels.json"),
            "--did", "did:web:labeler.example", "--key", keyPath));
        Assert.Contains("\"bot\"", File.ReadAllText(Path.Combine(_dir, "labels.json")));
        Assert.Equal(0, Run("export", "csv", "--db", Db, "--out", Path.Combine(_dir, "decisions.csv")));
        Assert.True(File.ReadAllLines(Path.Combine(_dir, "decisions.csv")).Length >= 5);
    }

    [Fact]
    public void ReviewAndAppealThroughTheCommandLine()
    {
        Run("policy", "apply", "--in", Inputs(), "--db", Db);
        Assert.Equal(0, Run("review", "queue", "--db", Db));
        var request = "review|decision|post:p3|" + Vigil.Policy.EnforcementPolicy.Default.Version +
                      "|incitement-to-violence|m1|" + Vigil.Model.TaxonomyTable.Default.Version;
        Assert.Equal(2, Run("review", "decide", request, "--db", Db, "--reviewer", "alice"));
        Assert.Equal(0, Run("review", "decide", request, "--db", Db, "--reviewer", "alice", "--approve"));
        Assert.Equal(2, Run("review", "decide", request, "--db", Db, "--reviewer", "alice", "--approve"));

        var decision = "decision|post:p1|" + Vigil.Policy.EnforcementPolicy.Default.Version + "|agreed-antisemitic|m1|" +
                       Vigil.Model.TaxonomyTable.Default.Version;
        Assert.Equal(0, Run("appeal", "file", decision, "--db", Db, "--by", "a1"));
        Assert.Equal(2, Run("appeal", "file", decision, "--db", Db, "--by", "a1"));
        Assert.Equal(0, Run("appeal", "resolve", decision, "--db", Db, "--reviewer", "bob", "--overturn"));
        Assert.Equal(0, Run("appeal", "stats", "--db", Db));
        Assert.Equal(0, Run("log", "verify", "--db", Db));
    }

    [Fact]
    public void ValidateNamesTheLineOfABadPolicy()
    {
        var path = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(path, "version: x\nappeal_window_days: 0\n");
        var stderr = Console.Error;
        using var writer = new StringWriter();
        Console.SetError(writer);
        try { Assert.Equal(2, Run("policy", "validate", "--policy", path)); }
        finally { Console.SetError(stderr); }
        Assert.Contains("bad.yaml:2:21: appeal_window_days", writer.ToString());
    }

    [Fact]
    public void KeygenWritesAPrivateKeyOnlyOutsideARepository()
    {
        var keyPath = Path.Combine(_dir, "signing.pem");
        Assert.Equal(0, Run("log", "keygen", "--out", keyPath));
        Assert.Contains("PRIVATE KEY", File.ReadAllText(keyPath));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
        Assert.Equal(2, Run("log", "keygen", "--out", keyPath));

        var inRepo = Path.Combine(DecisionLogTests.RepoRoot(), "never-committed.pem");
        Assert.Equal(2, Run("log", "keygen", "--out", inRepo));
        Assert.False(File.Exists(inRepo));
    }

    private long Count()
    {
        using var connection = new SqliteConnection($"Data Source={Db}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM decision_events";
        var count = (long)command.ExecuteScalar()!;
        SqliteConnection.ClearPool(connection);
        return count;
    }

    private void Sql(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Db}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, command.ExecuteNonQuery());
        SqliteConnection.ClearPool(connection);
    }
}
